"""Render executed notebooks to the site's HTML pages in ONE Python process (nbconvert's
import alone costs about a second, so one process for all pages beats one per page).

Usage: /usr/bin/python3 render_site.py < job.json
  job = {"template_dir": DIR, "template": NAME, "lab_css_dir": DIR,
         "pages": [{"notebook": IPYNB, "html": OUT_HTML, "title": str, "bpl": {...}}]}
JupyterLab's stylesheets (static/index.css and theme-light.css of nbconvert's `lab` template,
wherever this nbconvert keeps them) are copied to lab_css_dir: the pages link them.
Each page is written to a temporary file next to OUT_HTML and renamed over it, so a failure
never leaves a half-written page in place of a good one. One JSON line per page on stdout:
  {"html": OUT_HTML, "ok": bool, "seconds": float, "error": str | null}
"""
import json
import os
import shutil
import sys
import time
import traceback

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config


def copy_lab_css(exporter, target_dir):
    """Copy the lab template's stylesheets next to the pages (atomically, file by file)."""
    for base in exporter.template_paths:
        static = os.path.join(base, "static")
        if os.path.basename(os.path.normpath(base)) == "lab" and os.path.exists(os.path.join(static, "index.css")):
            os.makedirs(target_dir, exist_ok=True)
            for name in ("index.css", "theme-light.css"):
                temporary = os.path.join(target_dir, f"{name}.tmp-{os.getpid()}")
                shutil.copyfile(os.path.join(static, name), temporary)
                os.replace(temporary, os.path.join(target_dir, name))
            return
    raise RuntimeError(f"nbconvert's lab template styles not found in {exporter.template_paths}")


def main():
    job = json.load(sys.stdin)
    config = Config()
    config.TemplateExporter.extra_template_basedirs = [job["template_dir"]]
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=config, template_name=job["template"])
    copy_lab_css(exporter, job["lab_css_dir"])
    for page in job["pages"]:
        started = time.time()
        target = page["html"]
        temporary = f"{target}.tmp-{os.getpid()}"
        try:
            nb = nbformat.read(page["notebook"], as_version=4)
            nb.metadata["title"] = page["title"]
            name = os.path.splitext(os.path.basename(target))[0]
            resources = {"metadata": {"name": name}, "bpl": page["bpl"]}
            body, _ = exporter.from_notebook_node(nb, resources=resources)
            with open(temporary, "w", encoding="utf-8") as f:
                f.write(body)
            os.replace(temporary, target)
            error = None
        except Exception:  # report and go on with the other pages
            error = traceback.format_exc()
            if os.path.exists(temporary):
                os.remove(temporary)
        print(json.dumps({"html": target, "ok": error is None,
                          "seconds": round(time.time() - started, 2), "error": error}), flush=True)


if __name__ == "__main__":
    main()
