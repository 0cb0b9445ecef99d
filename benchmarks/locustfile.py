"""Deadline day (issue 23 item 6): four kinds of people at once against a running server.

Run by benchmarks/deadline_load.py, which prepares the people (signed-in sessions of seed_scale accounts, written
to LOAD_PEOPLE as JSON), starts gunicorn and a Celery worker, runs this headless and writes the report. Weights:
district officers 40 %, provincial staff 20 %, committee members 15 %, the public 25 %.

Every upload carries a caption unique to this run; the captions the server accepted (a redirect after the
POST) are written to LOAD_UPLOADS at the end, so the driver can check that none is missing from the database.
"""

import io
import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task

PEOPLE = json.load(open(os.environ["LOAD_PEOPLE"], encoding="utf-8"))
RUN = PEOPLE["run"]
ACCEPTED = []
_lock = threading.Lock()
_counter = itertools.count()


def _jpeg(seed):
    from PIL import Image

    rng = random.Random(seed)
    img = Image.new("RGB", (640, 480), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


class _Staff(HttpUser):
    abstract = True
    wait_time = between(2, 6)
    pool = ()

    def on_start(self):
        person = self.pool[next(_counter) % len(self.pool)]
        self.person = person
        self.client.cookies.set("sessionid", person["session"])
        self.client.cookies.set("csrftoken", PEOPLE["csrf"])
        self.headers = {"X-CSRFToken": PEOPLE["csrf"], "Referer": self.host + "/app/"}

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code >= 500:
                r.failure(f"{r.status_code}")
            elif r.status_code in (302, 301) and "/accounts/login/" in r.headers.get("Location", ""):
                r.failure("signed out")
            elif r.status_code in (302, 301):
                # A redirect means the page itself was not measured (e.g. sent to set up an authenticator).
                r.failure(f"redirected to {r.headers.get('Location', '')}")
            else:
                r.success()
        return r

    def post(self, url, name, data, files=None, saved_redirects=False):
        with self.client.post(
            url,
            name=name,
            data=data,
            files=files,
            headers=self.headers,
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code >= 500:
                r.failure(f"{r.status_code}")
            elif r.status_code == 403:
                r.failure("403 (CSRF or permission)")
            elif saved_redirects and r.status_code == 200:
                r.failure("not saved (the form again, with why)")
            else:
                r.success()
        return r


class DistrictOfficer(_Staff):
    weight = 40
    pool = PEOPLE["officers"]

    @task(3)
    def home(self):
        self.page("/app/", "staff: workspace home")

    @task(3)
    def units(self):
        self.page("/app/units/", "staff: units of the district")

    @task(2)
    def reports(self):
        p = self.person
        self.page("/app/reports/", "staff: my reports")
        self.page(f"/app/reports/{p['year']}/{p['district']}/photos/", "staff: one report")

    @task(2)
    def upload(self):
        p = self.person
        caption = f"load-{RUN}-{p['district']}-{next(_counter)}"
        url = f"/app/districts/{p['district']}/years/{p['year']}/photos/upload/"
        self.page(url, "staff: photo upload form")
        r = self.post(
            url,
            "staff: photo upload (POST)",
            {"caption": caption, "stage": "1", "taken_on": ""},
            files={"images": (f"{caption}.jpg", _jpeg(caption), "image/jpeg")},
        )
        if r.status_code == 302:
            with _lock:
                ACCEPTED.append(caption)

    @task(1)
    def submit(self):
        p = self.person
        kind = random.choice(["applicant_list", "plans", "results", "photos"])
        self.post(
            f"/app/reports/{p['year']}/{p['district']}/{kind}/submit/",
            "staff: submit a report (POST)",
            {"note": "ส่งตามกำหนด"},
        )


class ProvincialStaff(_Staff):
    weight = 20
    pool = PEOPLE["staff"]

    @task(3)
    def review(self):
        self.page(f"/app/review/?year={self.person['year']}", "staff: provincial review")

    @task(2)
    def dashboard(self):
        self.page(f"/app/dashboard/?year={self.person['year']}", "staff: dashboard")

    @task(2)
    def units(self):
        self.page("/app/units/", "staff: units of the province")

    @task(1)
    def report(self):
        p = self.person
        d = random.choice(p["districts"])
        self.page(f"/app/reports/{p['year']}/{d}/applicant_list/", "staff: one report")


class CommitteeMember(_Staff):
    weight = 15
    pool = PEOPLE["members"]

    @task(1)
    def cards(self):
        self.page("/app/evaluation/score/", "staff: my scorecards")

    @task(3)
    def score(self):
        entry = random.choice(self.person["entries"])
        url = f"/app/evaluation/score/{entry}/"
        r = self.page(url, "staff: scorecard")
        if r.status_code != 200:
            return
        names = sorted(set(re.findall(r'name="(score_\d+)"', r.text)))
        data = {n: random.choice(["", "1"]) for n in names}
        data["comment"] = "ร่างคะแนน"
        self.post(url, "staff: save a scorecard draft (POST)", data, saved_redirects=True)


class Public(HttpUser):
    weight = 25
    wait_time = between(1, 4)
    words = PEOPLE["words"]

    @task(3)
    def search(self):
        w = random.choice(self.words)
        self.client.get(f"/units/?q={w}&page={random.randint(1, 3)}", name="public: search (uncached)")

    @task(1)
    def directory(self):
        self.client.get("/units/", name="public: directory")

    @task(1)
    def profile(self):
        self.client.get(random.choice(PEOPLE["profiles"]), name="public: unit profile")


@events.quitting.add_listener
def _write_uploads(environment, **kwargs):
    with open(os.environ["LOAD_UPLOADS"], "w", encoding="utf-8") as f:
        json.dump(ACCEPTED, f)
