"""`make run` and `make test` check WeasyPrint's system libraries: installed as root, named otherwise."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "system_check.py"


@pytest.fixture
def system_check():
    spec = importlib.util.spec_from_file_location("system_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_passes_on_this_machine(system_check):
    system_check.check_pdf_libraries()


def without_pango_and_harfbuzz(system_check, monkeypatch):
    real = system_check.ctypes.util.find_library
    monkeypatch.setattr(
        system_check.ctypes.util,
        "find_library",
        lambda name: None if name.startswith(("pango", "harfbuzz")) else real(name),
    )


def test_missing_pango_fails_and_names_the_debian_packages_when_not_root(system_check, monkeypatch, capsys):
    without_pango_and_harfbuzz(system_check, monkeypatch)
    monkeypatch.setattr(system_check, "can_apt_install", lambda: False)
    monkeypatch.setattr(system_check, "apt_install", lambda *a: pytest.fail("must not install without root"))
    with pytest.raises(SystemExit) as caught:
        system_check.check_pdf_libraries()
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0" in err


def test_as_root_it_installs_the_missing_packages_then_checks_again(system_check, monkeypatch):
    installed = []
    without_pango_and_harfbuzz(system_check, monkeypatch)
    monkeypatch.setattr(system_check, "can_apt_install", lambda: True)

    def apt_install(packages, why):
        installed.extend(packages)
        monkeypatch.undo()  # the libraries are "there" once installed

    monkeypatch.setattr(system_check, "apt_install", apt_install)
    system_check.check_pdf_libraries()
    assert installed == [
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz0b",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
    ]


def test_as_root_a_failed_install_still_fails_and_names_the_packages(system_check, monkeypatch, capsys):
    without_pango_and_harfbuzz(system_check, monkeypatch)
    monkeypatch.setattr(system_check, "can_apt_install", lambda: True)
    monkeypatch.setattr(system_check, "apt_install", lambda packages, why: None)
    with pytest.raises(SystemExit):
        system_check.check_pdf_libraries()
    assert "libharfbuzz-subset0" in capsys.readouterr().err


def test_the_makefile_runs_it_before_run_and_test():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "run: install system-check" in makefile and "test: install-dev system-check" in makefile
