#!/usr/bin/env python3
"""The peer of scripts/gpu-check.sh: the same workloads through PyTorch (CUDA) on the same GPU, in the same call,
so that the OpenCL backend's figures can be read as a ratio. Strict fp32 (TF32 off for matmul and cuDNN), since the
OpenCL kernels compute in fp32. MobileNetV2 is torchvision's, eval mode, random weights; eager PyTorch runs its
batch normalizations as their own kernels, where our graph has them folded into the convolutions.

    python3 scripts/gpu-peer.py          # prints a Markdown table like gpu-check's
"""
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print("gpu-peer: no PyTorch here; skipped")
    sys.exit(0)

if not torch.cuda.is_available():
    print("gpu-peer: PyTorch sees no CUDA device; skipped")
    sys.exit(0)

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
torch.backends.cudnn.benchmark = True
device = torch.device("cuda")
rows = []


def timed(step, runs):
    """Seconds per call of step(), back to back after warm-up calls, synchronised at both ends."""
    for _ in range(3):
        step()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(runs):
        step()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / runs


def ms(seconds):
    return f"{seconds * 1e3:.3f} ms"


n = 4096
a = torch.randn(n, n, device=device)
b = torch.randn(n, n, device=device)
gemm = timed(lambda: torch.matmul(a, b), 10)
rows.append((f"GEMM {n}^3 fp32 (cuBLAS, TF32 off)", ms(gemm), f"{2.0 * n ** 3 / gemm / 1e12:.2f} TFLOP/s"))

try:
    import torchvision
    model = torchvision.models.mobilenet_v2(weights=None).eval().to(device)
    with torch.no_grad():
        for batch in (1, 32):
            x = torch.randn(batch, 3, 224, 224, device=device)
            runs = 200 if batch == 1 else 20
            seconds = timed(lambda: model(x), runs)
            rows.append((f"MobileNetV2 batch {batch} (torchvision, eager, cuDNN), back-to-back", ms(seconds),
                         f"{batch / seconds:.0f} images/s"))
            if batch == 1:
                latencies = []
                for _ in range(50):
                    start = time.perf_counter()
                    model(x)
                    torch.cuda.synchronize()
                    latencies.append(time.perf_counter() - start)
                latencies.sort()
                rows.append(("MobileNetV2 batch 1, one call + synchronize (median)",
                             ms(statistics.median(latencies)), f"p90 {ms(latencies[int(0.9 * len(latencies))])}"))
except ImportError:
    rows.append(("MobileNetV2", "skipped", "no torchvision"))

print(f"peer: PyTorch {torch.__version__} on {torch.cuda.get_device_name(0)}")
print()
print("| measurement | time | result |")
print("|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
