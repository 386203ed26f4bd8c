#!/bin/sh
# Kernel launcher of backprop-lessons: runs the project's pinned tslab from the repository root,
# so that every lesson imports `backprop-lessons` and reads `data/` the same way, whichever
# folder Jupyter (classic Notebook, JupyterLab, VS Code) starts the kernel in.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tslab="$root/node_modules/tslab/bin/tslab"
if [ ! -f "$tslab" ]; then
  echo "backprop-lessons kernel: $tslab is missing; run 'npm install' (or 'npm run setup') in $root" >&2
  exit 1
fi
if [ ! -f "$root/dist/index.js" ]; then
  echo "backprop-lessons kernel: $root/dist is missing; run 'npm run build' in $root" >&2
  exit 1
fi
cd "$root" || exit 1
# preload.js: no folder watching in the kernel (a file event under node_modules broke the next cell)
exec node --require "$here/preload.js" "$tslab" kernel --config-path "$1"
