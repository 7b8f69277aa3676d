package dev.webnn.engine.ops;

/** MLInputOperandLayout: where the channel dimension of a 4-D image tensor lies. */
public enum InputLayout {
    NCHW(1),
    NHWC(3);

    private final int channelAxis;

    InputLayout(int channelAxis) {
        this.channelAxis = channelAxis;
    }

    public int channelAxis() {
        return channelAxis;
    }

    /** The two spatial (height, width) axes. */
    public int[] spatialAxes() {
        return this == NCHW ? new int[] {2, 3} : new int[] {1, 2};
    }
}
