#!/usr/bin/env bash
# The OpenCL backend's check on a real GPU. Builds nothing: it runs what `mvn package` (or `./webnn`) already built
# (engine/target: classes, test-classes, lib/jocl-*.jar), on a machine with a GPU driver and JDK 25, offline:
#   1. GEMM 4096^3 fp32 over the tile shapes the backend tunes among, and MobileNetV2 (224x224, NCHW, fp32) at
#      batch 1 and batch 32, printed as a table of timings;
#   2. the parity test (every op the OpenCL backend claims, against the reference backend) on the GPU.
#
#   scripts/gpu-check.sh            run the check
#   scripts/gpu-check.sh --quick    small sizes (for trying the script on a CPU OpenCL device such as PoCL)
#   scripts/gpu-check.sh --prepare  on a machine with network and Debian/Ubuntu apt: put what a bare GPU machine may
#                                   lack into .gpu-kit/ (ignored by git): the OpenCL ICD loader (libOpenCL.so.1 from
#                                   ocl-icd-libopencl1) and, if asked with JDK=/path/to/jdk-25, a jlinked Java runtime.
#   scripts/gpu-check.sh --prepare-wpt WPT_DIR
#                                   after `./webnn` has built here: pack .gpu-kit/wpt-kit.tar.xz (about 37 MB) with a
#                                   jlinked runtime for the WPT runner, the runner's jars and WPT_DIR's webnn/,
#                                   resources/ and interfaces/ (for a machine that cannot fetch them)
#   scripts/gpu-check.sh --wpt [ARGS...]
#                                   unpack that kit and run the pinned WPT suite there (`./webnn wpt`, one job a core;
#                                   the ?gpu URLs on the OpenCL GPU); ARGS go to `./webnn wpt` (e.g. --variant gpu
#                                   --report run.json)
#
# Where things are found, in order:
#   Java 25:        $JAVA_HOME, /usr/lib/jvm/*25*, `java` on PATH, .gpu-kit/jdk
#   libOpenCL.so.1: the system's (ldconfig), else .gpu-kit/opencl (LD_LIBRARY_PATH)
#   NVIDIA ICD:     /etc/OpenCL/vendors/*.icd; if none names libnvidia-opencl but the driver ships it, a temporary
#                   vendors folder with nvidia.icd (plus the system's .icd files) through OCL_ICD_VENDORS
# The device: the best OpenCL GPU, or WEBNN_OPENCL_DEVICE ("platform:device" or part of the name).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kit="$root/.gpu-kit"
mode=${1:-}

if [ "$mode" = "--prepare" ]; then
  mkdir -p "$kit/opencl" "$kit/debs"
  (cd "$kit/debs" && apt-get download ocl-icd-libopencl1)
  for deb in "$kit"/debs/*.deb; do dpkg-deb -x "$deb" "$kit/debs/root"; done
  cp -a "$kit"/debs/root/usr/lib/x86_64-linux-gnu/libOpenCL.so* "$kit/opencl/"
  rm -rf "$kit/debs"
  if [ -n "${JDK:-}" ]; then
    rm -rf "$kit/jdk"
    "$JDK/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported,jdk.incubator.vector --strip-debug --no-man-pages \
      --no-header-files --compress=zip-6 --output "$kit/jdk"
  fi
  echo "gpu-check: prepared $kit:"; ls "$kit"
  exit 0
fi

if [ "$mode" = "--prepare-wpt" ]; then
  wpt=${2:?"usage: scripts/gpu-check.sh --prepare-wpt WPT_DIR"}
  runner="$root/wpt-runner/target"
  [ -f "$runner/webnn-wpt-runner.jar" ] || { echo "gpu-check: build first (./webnn info)" >&2; exit 2; }
  JDK=${JDK:-${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* | head -1)}}
  stage=$(mktemp -d)
  # The modules GraalJS, Netty and the engine use (jdeps over the runner's classpath).
  "$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,java.net.http,java.naming,java.sql,java.xml,jdk.incubator.vector,jdk.jfr,jdk.management,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --output "$stage/jdk"
  mkdir -p "$stage/wpt-runner/target/jvmci" "$stage/wpt"
  cp -r "$runner/webnn-wpt-runner.jar" "$runner/lib" "$stage/wpt-runner/target/"
  cp "$runner"/jvmci/{truffle-compiler,collections,word}-*.jar "$stage/wpt-runner/target/jvmci/"
  # Jars stored uncompressed: xz packs class files far tighter than their deflate does (101 MB -> about 30).
  for jar in $(find "$stage/wpt-runner" -name '*.jar'); do
    unpacked=$(mktemp -d)
    (cd "$unpacked" && unzip -q "$jar" && rm "$jar" && zip -q -0 -r -X "$jar" .)
    rm -rf "$unpacked"
  done
  cp -r "$wpt/webnn" "$wpt/resources" "$wpt/interfaces" "$stage/wpt/"
  mkdir -p "$kit"
  tar -cf - -C "$stage" . | xz -6 -T0 > "$kit/wpt-kit.tar.xz"
  rm -rf "$stage"
  echo "gpu-check: packed $kit/wpt-kit.tar.xz ($(du -h "$kit/wpt-kit.tar.xz" | cut -f1)); carry it and $kit/opencl"
  exit 0
fi
if [ "$mode" = "--wpt" ]; then
  [ -f "$kit/wpt-kit.tar.xz" ] || { echo "gpu-check: no $kit/wpt-kit.tar.xz; see --prepare-wpt" >&2; exit 2; }
  unpacked="$kit/wpt-kit"
  rm -rf "$unpacked" && mkdir -p "$unpacked" && xz -dc "$kit/wpt-kit.tar.xz" | tar -xf - -C "$unpacked"
  mkdir -p "$root/wpt-runner/target" && cp -r "$unpacked"/wpt-runner/target/. "$root/wpt-runner/target/"
  # The copied sources may be newer than the packed jar: the launcher would then try to rebuild, without Maven.
  touch "$root/wpt-runner/target/webnn-wpt-runner.jar"
  JAVA_HOME="$unpacked/jdk"
fi

is_jdk25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -q '"25[."]'; }
java_home=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")" "$kit/jdk"; do
  if [ -n "$candidate" ] && is_jdk25 "$candidate"; then java_home=$candidate; break; fi
done
if [ -z "$java_home" ]; then
  echo "gpu-check: no Java 25 (JAVA_HOME, /usr/lib/jvm/*25*, PATH, $kit/jdk); see --prepare" >&2
  exit 2
fi

target="$root/engine/target"
jocl=$(ls "$target"/lib/jocl-*.jar 2>/dev/null | head -1 || true)
if [ "$mode" != "--wpt" ] && { [ ! -d "$target/classes" ] || [ ! -d "$target/test-classes" ] || [ -z "$jocl" ]; }; then
  echo "gpu-check: $target lacks classes, test-classes or lib/jocl-*.jar; build first (mvn -o package -DskipTests)" >&2
  exit 2
fi

if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL\.so\.1'; then
  if [ -e "$kit/opencl/libOpenCL.so.1" ]; then
    export LD_LIBRARY_PATH="$kit/opencl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "gpu-check: using the ICD loader in $kit/opencl"
  else
    echo "gpu-check: no libOpenCL.so.1 on this machine and none in $kit/opencl; see --prepare" >&2
    exit 2
  fi
fi

if [ -z "${OCL_ICD_VENDORS:-}" ] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  nvidia=$(ldconfig -p 2>/dev/null | grep -o '/[^ ]*libnvidia-opencl\.so\.1' | head -1 || true)
  # Container images often mount the driver's libraries outside the ldconfig cache.
  [ -n "$nvidia" ] || nvidia=$(find /usr/local/nvidia /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib \
    -maxdepth 3 -name 'libnvidia-opencl.so*' 2>/dev/null | sort | head -1 || true)
  if [ -n "$nvidia" ]; then
    vendors=$(mktemp -d)
    cp /etc/OpenCL/vendors/*.icd "$vendors/" 2>/dev/null || true
    echo "$nvidia" > "$vendors/nvidia.icd"
    export OCL_ICD_VENDORS="$vendors"
    echo "gpu-check: registered $nvidia through OCL_ICD_VENDORS=$vendors"
  fi
fi

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv || true
if [ "$mode" = "--wpt" ]; then
  shift
  # One-off runs: no AOT cache to record.
  WEBNN_AOT=off JAVA_HOME="$java_home" exec "$root/webnn" wpt --wpt-dir "$unpacked/wpt" --jobs "$(nproc)" "$@"
fi
java=("$java_home/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx8g -cp "$target/classes:$target/test-classes:$jocl")
quick=()
[ "$mode" = "--quick" ] && quick=(--quick)

# Each step is bounded (GPU_CHECK_TIMEOUT seconds, default 900), so a broken driver cannot hang the check.
limit=${GPU_CHECK_TIMEOUT:-900}
status=0
start=$(date +%s)
echo "== benchmarks"
timeout "$limit" "${java[@]}" dev.webnn.engine.backend.opencl.GpuBench "${quick[@]}" || status=$?
echo "== parity: OpenCL backend vs reference backend (benchmarks took $(( $(date +%s) - start )) s)"
timeout "$limit" "${java[@]}" dev.webnn.engine.backend.opencl.ParityMain || status=$?
exit $status
