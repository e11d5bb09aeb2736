"""Build step: ship the sample guides and transcripts inside the wheel.

The top-level `guides/` and `transcripts/` folders are the source of truth, and an editable
install (`pip install -e .`) reads them in place. They are not inside the package, though, so
package-data cannot reach them; this build step copies both into the built package as
`jtbd_kit/bundled/guides/` and `jtbd_kit/bundled/transcripts/`, where an installed wheel finds
them through importlib.resources (`jtbd_kit.guides.bundled_folder`). A copy (rather than a
package-dir mapping) keeps the package list discovered automatically and the editable install
a plain path entry. MANIFEST.in puts both folders into the sdist, so a wheel built from it has them too.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLES = ("guides", "transcripts")


class BuildPyWithSamples(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the editable install reads the folders where they are
        for name in SAMPLES:
            target = Path(self.build_lib, "jtbd_kit", "bundled", name)
            shutil.rmtree(target, ignore_errors=True)  # no stale files from an earlier build
            shutil.copytree(name, target)


setup(cmdclass={"build_py": BuildPyWithSamples})
