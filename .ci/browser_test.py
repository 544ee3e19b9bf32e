#!/usr/bin/env python3
"""The students' page in a real browser: headless Chromium at phone size
(390x844), driven by Selenium, against a real Quorum host on 127.0.0.1.

Two students join (one from the QR code's address with the PIN filled in,
one typing it), answer a question and an estimate, one reloads mid-question
and must come back to the same seat, and the scores on the pages must match
the host's. Phone-sized screenshots of the join, question, estimate, reveal
and final pages go into the folder given with --shots.

The host is pluggable: `ExampleHost` runs the quorum-lan `host` example and
sends the teacher's commands on its standard input; `GameHost` runs the real
game window (`quorum host`, under Xvfb) and sends the same words on its
test-only `--teacher-stdin`, and the game saves a picture of its lobby with
the two students in it. The questions are played until both a choice and an
estimate have been answered (the game deals its own; at most ten).

Needs Debian's chromium and chromium-driver, and selenium (from PyPI, in a
virtual environment):

    apt-get install -y chromium chromium-driver python3-venv
    python3 -m venv .venv-browser && .venv-browser/bin/pip install selenium
    cargo build -p quorum-lan --example host
    .venv-browser/bin/python .ci/browser_test.py \\
        --host-binary "$CARGO_TARGET_DIR/debug/examples/host" --shots /tmp/shots
    xvfb-run -a -s "-screen 0 1280x720x24" .venv-browser/bin/python .ci/browser_test.py \\
        --game "$CARGO_TARGET_DIR/debug/quorum" --shots /tmp/shots-game
"""

import argparse
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

PATIENCE = 15  # seconds any one wait may take
JOIN_LINE = re.compile(r"^Join at (\S+) with PIN (\d{6})$")


class ExampleHost:
    """The `host` example: the join line on stdout, commands on stdin."""

    def __init__(self, binary, data_dir):
        self.proc = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", "0", "--questions", "3", "--estimate-at", "2",
             "--seconds", "60", "--seed", "3", "--data-dir", data_dir],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def _line(self, test):
        deadline = time.time() + PATIENCE
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                break
            if test(line):
                return line
        raise AssertionError("the host said nothing expected")

    def join(self):
        """(page address, PIN) from the join line."""
        match = JOIN_LINE.match(self._line(lambda l: l.startswith("Join at ")))
        assert match, "the join line keeps its form"
        return match.group(1), match.group(2)

    def command(self, words):
        """Sends a teacher's command; returns the host's status line after it."""
        self.proc.stdin.write(words + "\n")
        self.proc.stdin.flush()
        return self._line(lambda l: l.startswith(("stage=", "key=", "no player")))

    def key(self):
        """The right answer to the question on show: ('choice', i) or ('estimate', v)."""
        kind, _, value = self.command("key").removeprefix("key=").partition(":")
        return (kind, int(value)) if kind == "choice" else (kind, float(value))

    def ready_to_start(self):
        """Nothing to wait for before the first question."""

    def stop(self):
        try:
            self.command("quit")
        except (AssertionError, BrokenPipeError, OSError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class GameHost(ExampleHost):
    """The game window (`quorum host`): the join line on stdout, the console's
    words on its test-only --teacher-stdin. It saves its lobby as a PNG once
    the students have joined, and carries on."""

    def __init__(self, binary, data_dir, shots):
        self.lobby_shot = os.path.join(shots, "devices-lobby-browser.png")
        self.proc = subprocess.Popen(
            [binary, "host", "--bind", "127.0.0.1", "--port", "0", "--questions", "10", "--seconds", "60",
             "--seed", "3", "--teacher-stdin", "--screenshot", self.lobby_shot],
            env=dict(os.environ, QUORUM_DATA_DIR=data_dir),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def ready_to_start(self):
        """The lobby's picture is taken once the joins have settled."""
        deadline = time.time() + PATIENCE
        while not os.path.exists(self.lobby_shot):
            assert time.time() < deadline, "the game took no picture of its lobby"
            time.sleep(0.2)
        time.sleep(0.5)  # written in full
        print("saved", self.lobby_shot)

    def stop(self):
        # `quit` ends only the console; the window is closed like any program.
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def scores(status):
    """{name: points} from a status line: `... | Aroha=975:1:on | ...`."""
    out = {}
    for part in status.split(" | ")[1:]:
        name, _, rest = part.rpartition("=")
        if rest.count(":") == 2:
            out[name] = int(rest.split(":")[0])
    return out


def phone(chromium, driver_path):
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + tempfile.mkdtemp(prefix="quorum-chromium-")]:
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2, "touch": True},
        "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                     "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    })
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def visible(driver, element_id):
    return WebDriverWait(driver, PATIENCE).until(EC.visibility_of_element_located((By.ID, element_id)))


def text_in(driver, element_id, text):
    WebDriverWait(driver, PATIENCE).until(EC.text_to_be_present_in_element((By.ID, element_id), text))


def shot(driver, folder, name):
    path = os.path.join(folder, name)
    driver.save_screenshot(path)
    print("saved", path)


def join(driver, url, pin, name, type_pin):
    driver.get(url + ("" if type_pin else "?pin=" + pin))
    visible(driver, "join-form")
    if type_pin:
        driver.find_element(By.ID, "pin").send_keys(pin)
    else:
        assert driver.find_element(By.ID, "pin").get_attribute("value") == pin, "the QR code's PIN is filled in"
    driver.find_element(By.ID, "name").send_keys(name)


def total_on_page(driver):
    """The `N points in all` figure on the reveal."""
    for span in driver.find_elements(By.CSS_SELECTOR, "#v-stats span"):
        match = re.match(r"^([\d,]+) points? in all$", span.text)
        if match:
            return int(match.group(1).replace(",", ""))
    raise AssertionError("no total on the reveal")


def run(args):
    os.makedirs(args.shots, exist_ok=True)
    data_dir = tempfile.mkdtemp(prefix="quorum-browser-data-")
    if args.game:
        host = GameHost(args.game, data_dir, args.shots)
    else:
        host = ExampleHost(args.host_binary, data_dir)
    a = b = None
    try:
        url, pin = host.join()
        a = phone(args.chromium, args.chromedriver)
        b = phone(args.chromium, args.chromedriver)

        # Aroha scans the QR code; Ben types the PIN.
        join(a, url, pin, "Aroha", type_pin=False)
        shot(a, args.shots, "students-join.png")
        a.find_element(By.ID, "join-button").click()
        text_in(a, "lobby-name", "Aroha")
        join(b, url, pin, "Ben", type_pin=True)
        b.find_element(By.ID, "join-button").click()
        text_in(b, "lobby-name", "Ben")
        shot(b, args.shots, "students-lobby.png")
        token_before = b.execute_script("return localStorage.getItem('quorum-token')")

        # Question by question until both a choice and an estimate are done.
        # Aroha answers right, Ben wrong; on question 1 Ben reloads first.
        host.ready_to_start()
        started = host.command("start")
        match = re.search(r"stage=question question=1/(\d+)", started)
        assert match, started
        total = int(match.group(1))
        done = set()
        for number in range(1, min(total, 10) + 1):
            kind, right = host.key()
            for d in (a, b):
                text_in(d, "q-number", "Question %d of %d" % (number, total))
            if number == 1:
                b.refresh()
                text_in(b, "q-number", "Question 1 of %d" % total)
                assert b.execute_script("return localStorage.getItem('quorum-token')") == token_before
                status = host.command("status")
                assert status.count(" | ") == 2 and "Ben=0:0:on" in status, \
                    "Ben is back in his seat, not a new one: " + status
            if kind == "choice":
                choices = a.find_elements(By.CSS_SELECTOR, "#choices button")
                assert len(choices) >= 2
                if "choice" not in done:
                    shot(a, args.shots, "students-question.png")
                    # The same page at 200% zoom: half the width in CSS pixels.
                    a.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                      {"width": 195, "height": 422, "deviceScaleFactor": 4, "mobile": True})
                    shot(a, args.shots, "students-question-zoom200.png")
                    a.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                      {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
                choices[right].click()
                text_in(a, "q-status", "Answer locked in")
                if "choice" not in done:
                    shot(a, args.shots, "students-locked.png")
                b.find_elements(By.CSS_SELECTOR, "#choices button")[(right + 1) % len(choices)].click()
                text_in(a, "v-word", "Right!")
                text_in(b, "v-word", "Not this time")
                if "choice" not in done:
                    shot(a, args.shots, "students-reveal.png")
                    shot(b, args.shots, "students-reveal-wrong.png")
            else:
                # Aroha types the answer; Ben locks in the slider's start.
                for d in (a, b):
                    visible(d, "estimate")
                number_box = a.find_element(By.ID, "number")
                number_box.clear()
                number_box.send_keys("%d" % right if right == int(right) else repr(right))
                if "estimate" not in done:
                    shot(a, args.shots, "students-estimate.png")
                a.find_element(By.ID, "lock").click()
                text_in(a, "q-status", "Answer locked in")
                b.find_element(By.ID, "lock").click()
                text_in(a, "v-word", "Right!")
                visible(b, "reveal")
            done.add(kind)
            points = scores(host.command("status"))
            assert total_on_page(a) == points["Aroha"] and total_on_page(b) == points["Ben"], points
            assert points["Aroha"] > points["Ben"], points
            if done == {"choice", "estimate"} or number == total:
                break
            if host.command("next").startswith("stage=leaderboard"):
                visible(a, "board")
                if number == 1:
                    shot(b, args.shots, "students-leaderboard.png")
                host.command("next")
        assert done == {"choice", "estimate"}, "the game dealt %s only" % done

        # The end: the final rank and score on each page.
        host.command("end")
        text_in(a, "f-place", "1st of 2")
        text_in(b, "f-place", "2nd of 2")
        shot(a, args.shots, "students-finished.png")
        print("browser test passed:", points)
    finally:
        for d in (a, b):
            if d is not None:
                d.quit()
        host.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--host-binary", help="the quorum-lan host example")
    which.add_argument("--game", help="the game (quorum), hosted in its window: run under Xvfb")
    parser.add_argument("--shots", required=True, help="folder for the screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
