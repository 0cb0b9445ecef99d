"""Permission matrix (issue 10 item 2): every URL pattern × every persona, GET, on real objects.

The subject of each pattern is an object owned by district 6501 of Phitsanulok (tests/matrix/subjects.py), so
that 6502 is "another district", zone2 "another zone" and the Chiang Mai staff "another province". Each cell is
the status that persona must get:
  200 page/file · 302 redirect elsewhere · LOGIN 302 to /accounts/login/ · 403 visible, action forbidden ·
  404 outside the persona's scope (or nothing to show) · 405 POST-only action asked with GET.
No cell may be 500; a stranger never gets 200 on another district's object.

A pattern the table does not know fails `test_every_url_pattern_is_in_the_matrix`: add new URLs here.
docs/permissions.md is generated from this table: `WRITE_PERMISSION_DOCS=1 pytest tests/test_permission_matrix.py`.
"""

import copy
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import reverse

from tests.matrix.dataset import PERSONAS, build
from tests.matrix.docs import render_markdown
from tests.matrix.probe import LOGIN, cell, client_for
from tests.matrix.subjects import all_patterns, configure_line, subject_kwargs, takes_arguments

L = LOGIN
P = tuple(PERSONAS)  # column order below

# fmt: off
# pattern                                     anon admin  prov d6501 d6502  zone zone2  subc chair  natl strgr
MATRIX = {
    "accounts:invitation":                   ( 410,  410,  410,  410,  410,  410,  410,  410,  410,  410,  410),
    "accounts:invite":                       (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "accounts:people":                       (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "accounts:person":                       (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "accounts:person_active":                (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "accounts:person_reinvite":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "accounts:role_remove":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificate":             (   L,  200,  200,  200,  404,  404,  404,  200,  200,  200,  404),
    "certification:certificate_dates":       (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificate_issue":       (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificate_pdf":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificate_reinstate":   (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificate_revoke":      (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:certificates":            (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "certification:ceremonies":              (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "certification:ceremony":                (   L,  200,  200,  404,  404,  404,  404,  200,  200,  200,  404),
    "certification:ceremony_edit":           (   L,  200,  200,  404,  404,  404,  404,  403,  403,  403,  404),
    "certification:ceremony_new":            (   L,  200,  200,  200,  200,  403,  403,  403,  403,  403,  200),
    "certification:ceremony_print":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:history_confirm":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:history_import":          (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "certification:history_template":        (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "certification:honour_edit":             (   L,  200,  200,  403,  404,  404,  404,  403,  403,  403,  404),
    "certification:honour_new":              (   L,  200,  200,  200,  200,  403,  403,  403,  403,  403,  200),
    "certification:honour_remove":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:honours":                 (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "certification:year_print":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "certification:year_settings":           (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "core:file_download":                    (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "core:file_status":                      (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "core:status":                           (   L,  200,  403,  403,  403,  403,  403,  403,  403,  403,  403),
    "development:activity_edit":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "development:activity_new":              (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "development:activity_progress":         (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "development:activity_remove":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:assessment":                (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:assessment_pdf":            (   L,  302,  302,  302,  404,  404,  404,  404,  404,  302,  404),
    "development:calendar":                  (   L,  200,  200,  200,  200,  404,  404,  404,  404,  200,  200),
    "development:close_recruitment":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:community_add":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:community_edit":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:component_edit":            (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:component_new":             (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:evidence_add":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:evidence_file":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:evidence_remove":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:field":                     (   L,  404,  404,  200,  200,  404,  404,  404,  404,  404,  404),
    "development:field_manifest":            ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "development:field_sw":                  ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "development:field_sync_photo":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:field_sync_stage1":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:field_sync_visit":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:goal_edit":                 (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:goal_new":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:goal_remove":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:indicator_edit":            (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:indicator_new":             (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:indicator_remove":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:national":                  (   L,  200,  200,  404,  404,  404,  404,  404,  404,  200,  200),
    "development:national_adoptions":        (   L,  200,  404,  404,  404,  404,  404,  404,  404,  200,  404),
    "development:national_edit":             (   L,  200,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "development:national_indicator_edit":   (   L,  200,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "development:national_indicator_new":    (   L,  200,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "development:national_indicator_remove": (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:national_list":             (   L,  200,  200,  404,  404,  404,  404,  404,  404,  200,  200),
    "development:national_new":              (   L,  200,  403,  403,  403,  403,  403,  403,  403,  403,  403),
    "development:national_new_version":      (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:national_publish":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:photo":                     (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:photo_thumb":               (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:plan":                      (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:plan_pdf":                  (   L,  302,  302,  302,  404,  404,  404,  404,  404,  302,  404),
    "development:plan_reopen":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:plan_submit":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:stage_move":                (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:standard":                  (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  404),
    "development:standard_export":           (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  404),
    "development:standard_adopt":            (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "development:standard_import":           (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "development:standard_new":              (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "development:standard_publish":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "development:standard_rule":             (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:standards":                 (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "development:supervision":               (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "development:unit":                      (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "development:units":                     (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "development:visit_edit":                (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "development:visit_new":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "development:visit_remove":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:bulk_decide":                (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:committee":                  (   L,  200,  200,  404,  404,  200,  404,  404,  404,  200,  404),
    "evaluation:committee_rules":            (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:committee_new":              (   L,  200,  200,  200,  200,  403,  403,  403,  403,  403,  200),
    "evaluation:committees":                 (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation:entry_add":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:entry_decide":               (   L,  200,  200,  403,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:entry_recording":            (   L,  200,  200,  200,  404,  200,  404,  404,  404,  200,  404),
    "evaluation:entry_schedule":             (   L,  200,  200,  403,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:exemplar":                   (   L,  200,  200,  200,  404,  404,  404,  200,  200,  200,  404),
    "evaluation:exemplar_decks":             (   L,  200,  200,  200,  302,  302,  302,  200,  200,  200,  404),
    "evaluation:exemplar_download":          (   L,  200,  200,  200,  404,  404,  404,  200,  200,  200,  404),
    "evaluation:exemplar_generate":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:exemplar_nominate":          (   L,  200,  200,  200,  403,  403,  403,  403,  403,  403,  404),
    "evaluation:exemplar_summary":           (   L,  200,  200,  200,  404,  404,  404,  403,  403,  403,  404),
    "evaluation:exemplars":                  (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation:member_remove":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:my_scorecards":              (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation:place_passed":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:meeting":                    (   L,  200,  200,  404,  404,  200,  404,  404,  404,  200,  404),
    "evaluation:meeting_approve":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:meeting_attendance":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:meeting_edit":               (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:meeting_minutes":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:meeting_new":                (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:meeting_resolve":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:presentation_add":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:presentation_edit":          (   L,  200,  200,  404,  404,  404,  404,  404,  403,  403,  404),
    "evaluation:presentation_remove":        (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:round":                      (   L,  200,  200,  404,  404,  200,  404,  404,  404,  200,  404),
    "evaluation:round_edit":                 (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:round_new":                  (   L,  200,  200,  200,  200,  403,  403,  403,  403,  403,  403),
    "evaluation:rounds":                     (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation:score":                      (   L,  404,  200,  404,  404,  200,  404,  404,  404,  404,  404),
    "evaluation:score_conflict":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:round_members":              (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:round_sheets":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:paper_units":                (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:people":                     (   L,  200,  200,  200,  200,  403,  403,  403,  403,  200,  200),
    "evaluation:person":                     (   L,  200,  200,  200,  200,  404,  404,  404,  404,  200,  404),
    "evaluation:person_edit":                (   L,  200,  200,  200,  403,  404,  404,  404,  404,  403,  404),
    "evaluation:paper_conflict":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:paper_score":                (   L,  200,  200,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:link_send":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "evaluation:link_revoke":                (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    # the one-time scoring link is its own credential: no login, the same page for whoever holds it
    "evaluation_link:home":                  ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation_link:score":                 ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "evaluation_link:conflict":              ( 405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    # LINE's webhook: public, POST only, authenticated by the X-Line-Signature of its body
    "line:webhook":                          ( 405,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "healthz":                               ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "metrics":                               ( 404,  200,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "notifications:calendar_feed":           ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "notifications:calendar_regenerate":     (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:calendar_revoke":         (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:deliveries":              (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "notifications:deliveries_retry_failed": (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:delivery_retry":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:inbox":                   (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "notifications:inbox_read":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:inbox_read_all":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:line_link":               (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "notifications:line_unlink":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "notifications:rule_edit":               (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "notifications:rules":                   (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "notifications:settings":                (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "paperwork:about":                       (   L,  200,  200,  404,  404,  200,  404,  404,  404,  200,  404),
    "paperwork:document":                    (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "paperwork:files":                       (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "paperwork:issue":                       (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "paperwork:number_cancel":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "paperwork:office":                      (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "paperwork:office_garuda":               (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "paperwork:offices":                     (   L,  200,  200,  200,  200,  403,  403,  403,  403,  200,  200),
    "paperwork:register":                    (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "paperwork:reissue":                     (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "public:directory":                      ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:home":                           ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:photo":                          ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:photo_thumb":                    ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:profile":                        ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:profile_pdf":                    ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:privacy":                        ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:profile_short":                  ( 301,  301,  301,  301,  301,  301,  301,  301,  301,  301,  301),
    "public:robots":                         ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:sitemap":                        ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:verify":                         ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public:verify_code":                    ( 200,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public_staff:edit":                     (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "public_staff:hide":                     (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "public_staff:index":                    (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "public_staff:photos":                   (   L,  200,  200,  403,  404,  404,  404,  404,  404,  403,  404),
    "public_staff:privacy_contact":          (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "public_staff:publish":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "public_staff:submit":                   (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "public_staff:unhide":                   (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:bulk_enrol":                   (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:carry_over":                   (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:enrolment_mentor":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:enrolment_withdraw":           (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:import_confirm":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:import_template":              (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "registry:partner_edit":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:partner_new":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:photo_delete":                 (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:photo_in_report":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:photo_image":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:photo_thumb":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:photo_upload":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:photos":                       (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:photos_index":                 (   L,  200,  200,  302,  302,  200,  200,  200,  200,  200,  200),
    "registry:province_join":                (   L,  200,  403,  403,  403,  403,  403,  403,  403,  403,  403),
    "registry:record_edit":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:record_file":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:record_new":                   (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:stage1":                       (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:stage1_index":                 (   L,  200,  200,  302,  302,  200,  200,  200,  200,  200,  200),
    "registry:targets":                      (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "registry:targets_district":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:targets_province":             (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  404),
    "registry:consent_new":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:consent_scan":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:consent_withdraw":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:data_request":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:data_request_access":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:data_request_close":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:data_request_erase":           (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:data_request_new":             (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:retention":                    (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:retention_period":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:retention_purge":              (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:unit":                         (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:unit_edit":                    (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:unit_enrol":                   (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:unit_export_full":             (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:unit_export":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:unit_reveal_id":               (   L,  403,  403,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:unit_import":                  (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:unit_new":                     (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:units":                        (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "registry:village_edit":                 (   L,  200,  200,  200,  404,  404,  404,  404,  404,  403,  404),
    "registry:villages":                     (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "registry:villages_index":               (   L,  200,  200,  302,  302,  200,  200,  200,  200,  200,  200),
    "registry:year":                         (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  404),
    "registry:year_calendar":                (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:year_open":                    (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  200),
    "registry:year_settings":                (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:year_subtype_toggle":          (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "registry:year_subtypes":                (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:year_targets":                 (   L,  200,  200,  200,  403,  403,  403,  403,  403,  403,  404),
    "registry:years":                        (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    "registry:zone_edit":                    (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:zone_new":                     (   L,  200,  200,  403,  403,  403,  403,  403,  403,  403,  404),
    "reporting:bulk_accept":                 (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:dashboard":                   (   L,  200,  200,  200,  200,  403,  403,  403,  403,  200,  200),
    "reporting:dashboard_export":            (   L,  302,  302,  302,  302,  403,  403,  403,  403,  302,  302),
    "reporting:my_reports":                  (   L,  302,  302,  200,  200,  403,  403,  403,  403,  302,  302),
    "reporting:national":                    (   L,  200,  404,  404,  404,  404,  404,  404,  404,  200,  404),
    "reporting:national_summary":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:province_summary":            (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:report":                      (   L,  200,  200,  200,  404,  404,  404,  404,  404,  200,  404),
    "reporting:report_accept":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:report_pdf":                  (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:report_return":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:report_submit":               (   L,  405,  405,  405,  405,  405,  405,  405,  405,  405,  405),
    "reporting:report_xlsx":                 (   L,  302,  302,  302,  404,  404,  404,  404,  404,  302,  404),
    "reporting:review":                      (   L,  200,  200,  403,  403,  403,  403,  403,  403,  200,  200),
    "reporting:review_export":               (   L,  302,  302,  403,  403,  403,  403,  403,  403,  302,  404),
    "switch_language":                       ( 302,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "workspace:history":                     (   L,  200,  200,  403,  404,  404,  404,  404,  404,  403,  404),
    "workspace:home":                        (   L,  200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
}
# fmt: on

DOCS = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"


# --- the dataset, once per module ------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo + Chiang Mai inside one transaction that is rolled back after the module; each test runs in a
    savepoint of it (pytest-django's `db`)."""
    from mchch.celery import app

    media = tmp_path_factory.mktemp("matrix-media")
    eager = app.conf.task_always_eager
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            app.conf.task_always_eager = True
            with override_settings(
                DEBUG=True,
                MFA_REQUIRED=False,
                MEDIA_ROOT=media,
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            ):
                ds = build()
                ds.kwargs = subject_kwargs(ds)
                # one login per persona for the whole module (the sessions live in the outer transaction)
                ds.cookies = {p: client_for(u).cookies for p, u in ds.users.items()}
            ds.media = media
            app.conf.task_always_eager = eager
            yield ds
        finally:
            app.conf.task_always_eager = eager
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _line(settings):
    configure_line(settings)


@pytest.fixture(autouse=True)
def _media(settings, request):
    """The files seeded for the module live in the module's media folder (overrides the suite's per-test one)."""
    if "dataset" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("dataset").media


def url_of(ds, name):
    kwargs = dict(ds.kwargs.get(name) or {})
    query = kwargs.pop("?", "")
    return reverse(name, kwargs=kwargs or None) + (f"?{query}" if query else "")


def observe(ds, name):
    url = url_of(ds, name)
    out = {}
    for p in P:
        client = Client()
        client.cookies = copy.deepcopy(ds.cookies[p])
        out[p] = cell(client, url)
    return out


# --- the table knows every URL ------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_matrix():
    patterns = all_patterns()
    unknown = sorted(set(patterns) - set(MATRIX))
    assert not unknown, f"URL patterns missing from the permission matrix (add a row to MATRIX): {unknown}"
    gone = sorted(set(MATRIX) - set(patterns))
    assert not gone, f"rows of MATRIX whose URL pattern no longer exists: {gone}"
    assert all(len(row) == len(P) for row in MATRIX.values())


def test_every_pattern_with_arguments_has_a_subject(dataset):
    patterns = all_patterns()
    missing = sorted(n for n, route in patterns.items() if takes_arguments(route) and n not in dataset.kwargs)
    assert not missing, f"no subject object for: {missing} (add it to tests/matrix/subjects.py)"


# --- the cells -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix_row(dataset, name):
    got = observe(dataset, name)
    expected = dict(zip(P, MATRIX[name], strict=True))
    assert not [p for p, c in got.items() if str(c).startswith("500")], f"{name}: server error {got}"
    wrong = {p: f"expected {expected[p]}, got {got[p]}" for p in P if got[p] != expected[p]}
    assert not wrong, f"{url_of(dataset, name)} ({name}): {wrong}"


# --- HEAD answers as GET does ------------------------------------------------------------------------------
# Uptime monitors and link checkers ask with HEAD: every pattern, for every persona, answers HEAD with the status
# its GET has in MATRIX (a view limited to GET alone, e.g. require_GET, answers 405 instead: use require_safe).


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_head_row(dataset, name):
    url = url_of(dataset, name)
    wrong = {}
    for p, expected in zip(P, MATRIX[name], strict=True):
        client = Client()
        client.cookies = copy.deepcopy(dataset.cookies[p])
        got = cell(client, url, method="head")
        if got != expected:
            wrong[p] = f"GET {expected}, HEAD {got}"
    assert not wrong, f"{url} ({name}): {wrong}"


@pytest.mark.django_db
def test_observe_all(dataset):
    """MATRIX_OBSERVE=path writes every observed row in MATRIX's format (used to build and review the table)."""
    out = os.environ.get("MATRIX_OBSERVE")
    if not out:
        pytest.skip("set MATRIX_OBSERVE=path to dump the observed matrix")
    lines = []
    for name in sorted(all_patterns()):
        if takes_arguments(all_patterns()[name]) and name not in dataset.kwargs:
            lines.append(f"    # {name}: no subject")
            continue
        t0 = time.monotonic()
        got = observe(dataset, name)
        ms = (time.monotonic() - t0) * 1000
        cells = ", ".join(
            "L" if c == LOGIN else (str(c) if isinstance(c, int) else repr(c)) for c in got.values()
        )
        lines.append(f"    {name!r}: ({cells}),  # {ms:.0f} ms")
    Path(out).write_text("\n".join(lines) + "\n")


# --- the docs -----------------------------------------------------------------------------------------


def test_docs_table_is_generated_from_the_matrix():
    text = render_markdown(MATRIX, PERSONAS, all_patterns(), POST_MATRIX)
    if os.environ.get("WRITE_PERMISSION_DOCS"):
        DOCS.write_text(text, encoding="utf-8")
    assert DOCS.exists() and DOCS.read_text(encoding="utf-8") == text, (
        "docs/permissions.md is out of date: WRITE_PERMISSION_DOCS=1 pytest tests/test_permission_matrix.py"
    )


# --- POST-only actions: asked with an empty POST -----------------------------------------------------------

POST_ONLY = sorted(n for n, row in MATRIX.items() if set(row[1:]) == {405})

# The same personas POST an empty form to each POST-only action (rolled back after each request): 302 = the
# action ran (or was refused with a message), 400/200 = the form answered with its errors.
# fmt: off
# pattern                                     anon admin  prov d6501 d6502  zone zone2  subc chair  natl strgr
POST_MATRIX = {
    "accounts:person_active":                (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "accounts:person_reinvite":              (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "accounts:role_remove":                  (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "certification:certificate_dates":       (   L,  400,  400,  403,  404,  404,  404,  403,  403,  403,  404),
    "certification:certificate_issue":       (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "certification:certificate_pdf":         (   L,  302,  302,  302,  404,  404,  404,  302,  302,  302,  404),
    "certification:certificate_reinstate":   (   L,  400,  400,  403,  404,  404,  404,  403,  403,  403,  404),
    "certification:certificate_revoke":      (   L,  400,  400,  403,  404,  404,  404,  403,  403,  403,  404),
    "certification:ceremony_print":          (   L,  302,  302,  404,  404,  404,  404,  403,  403,  403,  404),
    "certification:history_confirm":         (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  302),
    "certification:honour_remove":           (   L,  302,  302,  403,  404,  404,  404,  403,  403,  403,  404),
    "certification:year_print":              (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:activity_remove":           (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:close_recruitment":         (   L,  302,  302,  302,  403,  403,  403,  403,  403,  403,  404),
    "development:community_add":             (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:community_edit":            (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:evidence_add":              (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:evidence_remove":           (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:field_sync_photo":          (   L,  404,  404,  422,  422,  404,  404,  404,  404,  404,  404),
    "development:field_sync_stage1":         (   L,  404,  404,  422,  422,  404,  404,  404,  404,  404,  404),
    "development:field_sync_visit":          (   L,  404,  404,  422,  422,  404,  404,  404,  404,  404,  404),
    "development:goal_edit":                 (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:goal_new":                  (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:goal_remove":               (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:indicator_remove":          (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:national_indicator_remove": (   L,  302,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "development:national_new_version":      (   L,  302,  403,  404,  404,  404,  404,  404,  404,  403,  403),
    "development:national_publish":          (   L,  302,  404,  404,  404,  404,  404,  404,  404,  404,  404),
    "development:plan_reopen":               (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:plan_submit":               (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:stage_move":                (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "development:standard_publish":          (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "development:visit_remove":              (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "evaluation:bulk_decide":                (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:entry_add":                  (   L,  404,  404,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:exemplar_generate":          (   L,  302,  302,  302,  404,  404,  404,  403,  403,  403,  404),
    "evaluation:meeting_approve":            (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:meeting_attendance":         (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:meeting_minutes":            (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:meeting_resolve":            (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:presentation_add":           (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:presentation_remove":        (   L,  302,  302,  404,  404,  404,  404,  404,  403,  403,  404),
    "evaluation:member_remove":              (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:place_passed":               (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:score_conflict":             (   L,  404,  302,  404,  404,  302,  404,  404,  404,  404,  404),
    "evaluation:round_sheets":               (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:link_send":                  (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:link_revoke":                (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "evaluation:paper_conflict":             (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    # an empty declaration through the link: a Thai message back on the unit's page, nothing recorded
    "evaluation_link:conflict":              ( 302,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "notifications:calendar_regenerate":     (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "notifications:calendar_revoke":         (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "notifications:deliveries_retry_failed": (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  302),
    "notifications:delivery_retry":          (   L,  302,  302,  403,  404,  404,  404,  404,  404,  404,  404),
    "notifications:inbox_read":              (   L,  404,  404,  302,  404,  404,  404,  404,  404,  404,  404),
    "notifications:inbox_read_all":          (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "notifications:line_unlink":             (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    # no or a wrong signature: 400 with no detail, whoever is signed in
    "line:webhook":                          ( 400,  400,  400,  400,  400,  400,  400,  400,  400,  400,  400),
    "public_staff:hide":                     (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "public_staff:publish":                  (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "public_staff:submit":                   (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "public_staff:unhide":                   (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "paperwork:files":                       (   L,  302,  302,  302,  404,  404,  404,  404,  404,  302,  404),
    "paperwork:issue":                       (   L,  302,  302,  404,  404,  403,  404,  404,  404,  403,  404),
    "paperwork:number_cancel":               (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "paperwork:reissue":                     (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:data_request_access":          (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:data_request_close":           (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:data_request_erase":           (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:retention_period":             (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:retention_purge":              (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "registry:import_confirm":               (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:photo_delete":                 (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:photo_in_report":              (   L,  302,  302,  302,  404,  404,  404,  404,  404,  403,  404),
    "registry:unit_export":                  (   L,  302,  302,  302,  302,  302,  302,  302,  302,  302,  302),
    "registry:unit_export_full":             (   L,  403,  403,  302,  403,  403,  403,  403,  403,  403,  403),
    "registry:year_subtype_toggle":          (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "reporting:bulk_accept":                 (   L,  302,  302,  403,  403,  403,  403,  403,  403,  403,  404),
    "reporting:national_summary":            (   L,  302,  404,  404,  404,  404,  404,  404,  404,  302,  404),
    "reporting:province_summary":            (   L,  302,  302,  403,  403,  403,  403,  403,  403,  302,  404),
    "reporting:report_accept":               (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "reporting:report_pdf":                  (   L,  302,  302,  302,  404,  404,  404,  404,  404,  302,  404),
    "reporting:report_return":               (   L,  302,  302,  403,  404,  404,  404,  404,  404,  403,  404),
    "reporting:report_submit":               (   L,  302,  403,  302,  404,  404,  404,  404,  404,  403,  404),
}
# fmt: on


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_row(dataset, name):
    url = url_of(dataset, name)
    got = {p: post_cell(dataset, p, url) for p in P}
    expected = dict(zip(P, POST_MATRIX[name], strict=True))
    wrong = {p: f"expected {expected[p]}, got {got[p]}" for p in P if got[p] != expected[p]}
    assert not wrong, f"POST {url} ({name}): {wrong}"


def test_post_matrix_covers_every_post_only_action():
    assert sorted(POST_MATRIX) == POST_ONLY
    # opened by its secret token, no login: whoever holds the link is the member it was sent to
    by_token = {"evaluation_link:conflict", "line:webhook"}  # the webhook: by LINE's signature
    for name, row in POST_MATRIX.items():
        cells = dict(zip(P, row, strict=True))
        if name in by_token:
            continue
        assert cells["anon"] == LOGIN, name
        # another district / zone / province never gets an action through on 6501's object
        own_user_actions = {
            "notifications:calendar_regenerate",
            "notifications:calendar_revoke",
            "notifications:inbox_read_all",
            "notifications:line_unlink",
            "notifications:deliveries_retry_failed",
            "registry:unit_export",
            "certification:history_confirm",  # the asker's own import of their own province
            # the field app's queue: the officer's own entries, checked against their own district inside
            "development:field_sync_photo",
            "development:field_sync_stage1",
            "development:field_sync_visit",
        }  # a file of what the asker sees, for the asker
        if name not in own_user_actions:
            assert {cells["d6502"], cells["zone2"], cells["strgr"]} <= {403, 404}, name


def post_cell(ds, persona, url):
    """An empty POST in a savepoint that is rolled back, so one persona's action never changes the next one's."""
    client = Client()
    client.cookies = copy.deepcopy(ds.cookies[persona])
    with transaction.atomic():
        try:
            r = client.post(url, {})
        except Exception as exc:  # noqa: BLE001
            transaction.set_rollback(True)
            return f"500 {type(exc).__name__}: {exc}"[:200]
        transaction.set_rollback(True)
    if r.status_code == 302 and r.headers["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return LOGIN
    return r.status_code


@pytest.mark.django_db
def test_observe_post(dataset):
    out = os.environ.get("MATRIX_OBSERVE_POST")
    if not out:
        pytest.skip("set MATRIX_OBSERVE_POST=path to dump the observed POST matrix")
    lines = []
    for name in POST_ONLY:
        url = url_of(dataset, name)
        cells = ", ".join(
            "L" if c == LOGIN else (str(c) if isinstance(c, int) else repr(c))
            for c in (post_cell(dataset, p, url) for p in P)
        )
        lines.append(f"    {name!r}: ({cells}),")
    Path(out).write_text("\n".join(lines) + "\n")


# --- no data of another district or province in the pages that answer 200 ---------------------------

OUTSIDERS = {"d6502": "6501", "zone2": "6501", "strgr": "65"}  # persona → whose units it must not see


def _private_names(area):
    """Names of units of district/province `area` that no unit elsewhere shares, and not on the public site."""
    from django.db.models import Count

    from apps.public.models import PublicProfile
    from apps.registry.models import Unit

    shared = set(
        Unit.objects.values("name")
        .annotate(n=Count("district_id", distinct=True))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )
    public = set(PublicProfile.objects.filter(status="published").values_list("unit__name", flat=True))
    return {
        n
        for n in Unit.objects.filter(district__code__startswith=area).values_list("name", flat=True)
        if n not in shared and n not in public and len(n) > 8
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(OUTSIDERS))
def test_no_unit_of_another_area_in_any_page(dataset, persona):
    """Every /app/ page (and export) a persona of another district/zone/province may open shows none of 6501's
    (or Phitsanulok's) units: lists are filtered by visible_to, not only the detail pages."""
    names = _private_names(OUTSIDERS[persona])
    insider = Client()
    insider.cookies = copy.deepcopy(dataset.cookies["d6501"])
    own = insider.get(url_of(dataset, "registry:units")).content.decode()
    assert any(n in own for n in names), "the check must see the names where they belong (6501's unit list)"
    leaks = {}
    for name, row in sorted(MATRIX.items()):
        if dict(zip(P, row, strict=True))[persona] != 200 or name.startswith("public:") or name in NO_TEXT:
            continue
        client = Client()
        client.cookies = copy.deepcopy(dataset.cookies[persona])
        r = client.get(url_of(dataset, name))
        body = b"".join(r.streaming_content) if r.streaming else r.content
        text = _text_of(body, r.headers.get("Content-Type", ""))
        found = sorted(n for n in names if n in text)
        if found:
            leaks[name] = found[:3]
    assert not leaks, f"{persona} sees units it must not: {leaks}"


# Pages opened by a secret token, whose holder is the subject whoever is signed in: the subject's own calendar, a
# committee member's one-time scoring link (its units are the member's to score).
NO_TEXT = {"notifications:calendar_feed", "evaluation_link:home", "evaluation_link:score"}


def _text_of(body, content_type):
    if "spreadsheetml" in content_type:
        import io

        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
        )
    return body.decode("utf-8", "replace")


# --- the centre's staff ---------------------------------------------------------------------------------------
# Role.NATIONAL_STAFF (issue 20) reads what a national viewer of the whole country reads: its column is the natl
# column, cell by cell, GET and POST, except NATIONAL_STAFF_ALSO.


# ... except what only the centre's staff do: a province joins (its first year and first staff account); the
# centre's standards catalogue: a new draft, its edits (drafts are the centre's own: 404 to a viewer), publishing
# and new versions.
NATIONAL_STAFF_ALSO = {
    "registry:province_join": 200,
    "development:national_new": 200,
    "development:national_edit": 200,
    "development:national_indicator_new": 200,
    "development:national_indicator_edit": 200,
}
NATIONAL_STAFF_POST_ALSO = {
    "development:national_indicator_remove": 302,
    "development:national_new_version": 302,
    "development:national_publish": 302,
}


@pytest.mark.django_db
def test_national_staff_have_the_national_viewers_column(dataset):
    from apps.accounts.enums import Role
    from apps.accounts.models import RoleAssignment
    from tests.factories import UserFactory

    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=Role.NATIONAL_STAFF)
    cookies = client_for(user).cookies
    natl = P.index("natl")
    wrong = {}
    for name in sorted(MATRIX):
        client = Client()
        client.cookies = copy.deepcopy(cookies)
        got = cell(client, url_of(dataset, name))
        expected = NATIONAL_STAFF_ALSO.get(name, MATRIX[name][natl])
        if got != expected:
            wrong[name] = f"GET expected {expected}, got {got}"
    for name in sorted(POST_MATRIX):
        client = Client()
        client.cookies = copy.deepcopy(cookies)
        with transaction.atomic():
            r = client.post(url_of(dataset, name), {})
            transaction.set_rollback(True)
        got = r.status_code
        if got == 302 and r.headers["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            got = LOGIN
        expected = NATIONAL_STAFF_POST_ALSO.get(name, POST_MATRIX[name][natl])
        if got != expected:
            wrong[name] = f"POST expected {expected}, got {got}"
    assert not wrong, wrong


# --- two provinces of the demo apart (issue 20: the leak probe runs with two provinces) -------------------------
# seed_demo has a second, smaller province, Sukhothai (64), with its own staff account sukhothai@example.org: it is
# "province A" to Phitsanulok's "province B" and the other way round. Staff of one province read nothing of the
# other: every detail page of the other's objects answers 404 (as the stranger column says), and no list, export
# or dashboard they may open names a unit of the other province.


def _sukhothai_cookies():
    from apps.accounts.models import User

    return client_for(User.objects.get(email="sukhothai@example.org")).cookies


def _detail_urls_of_sukhothai():
    """Detail pages of Sukhothai's own objects (FY 2569): its year and settings, a zone, a district's targets,
    stage-1 work, photos and villages, a unit and its enrolment, a certificate, the public-profile editor."""
    from apps.certification.models import Certificate
    from apps.geo.models import Zone
    from apps.registry.models import Enrolment, ProgrammeYear

    year = ProgrammeYear.objects.get(province_id="64", fiscal_year=2569)
    enrolment = Enrolment.objects.filter(year=year).order_by("pk").first()
    cert = Certificate.objects.filter(year=year).order_by("pk").first()
    zone = Zone.objects.filter(province_id="64", fiscal_year=2569).order_by("pk").first()
    y, yd = {"pk": year.pk}, {"pk": year.pk, "district": "6401"}
    unit = {"pk": enrolment.unit_id}
    names = {
        "registry:year": y,
        "registry:year_settings": y,
        "registry:year_calendar": y,
        "registry:year_subtypes": y,
        "registry:zone_new": y,
        "registry:zone_edit": {**y, "zone_id": zone.pk},
        "registry:year_targets": yd,
        "registry:targets_province": y,
        "registry:targets_district": yd,
        "registry:stage1": yd,
        "registry:photos": yd,
        "registry:bulk_enrol": yd,
        "registry:unit_import": yd,
        "registry:villages": {"district": "6401"},
        "registry:unit": unit,
        "registry:unit_edit": unit,
        "registry:unit_enrol": unit,
        "registry:enrolment_mentor": {"pk": enrolment.pk},
        "registry:enrolment_withdraw": {"pk": enrolment.pk},
        "development:unit": {"pk": enrolment.pk},
        "certification:certificate": {"pk": cert.pk},
        "certification:year_settings": {"year_pk": year.pk},
        "public_staff:edit": {"unit_id": enrolment.unit_id},
    }
    return {name: reverse(name, kwargs=kw) for name, kw in names.items()}


def _names_of(area):
    from apps.registry.models import Unit

    return set(Unit.objects.filter(district__code__startswith=area).values_list("name", flat=True)) - set(
        Unit.objects.exclude(district__code__startswith=area).values_list("name", flat=True)
    )


@pytest.mark.django_db
def test_phitsanulok_staff_read_nothing_of_sukhothai(dataset):
    prov = Client()
    prov.cookies = copy.deepcopy(dataset.cookies["prov"])
    suk = Client()
    suk.cookies = _sukhothai_cookies()
    wrong = {}
    for name, url in _detail_urls_of_sukhothai().items():
        own = cell(suk, url)
        assert own in (200, 302), f"Sukhothai's staff must open their own {name} ({url}): {own}"
        got = cell(prov, url)
        if got != 404:
            wrong[name] = got
    assert not wrong, f"Phitsanulok's staff open Sukhothai's pages (expected 404): {wrong}"
    _no_names_in_lists(dataset, prov, "prov", _names_of("64"), insider=suk)


@pytest.mark.django_db
def test_sukhothai_staff_read_nothing_of_phitsanulok(dataset):
    """Sukhothai's staff get the stranger's cell (another province's staff) on every subject of the matrix, all of
    them Phitsanulok's; and no list they may open names one of Phitsanulok's units."""
    cookies = _sukhothai_cookies()
    strgr = P.index("strgr")
    wrong = {}
    for name in sorted(MATRIX):
        if name.startswith("public:") or name in ("accounts:invitation", "switch_language"):
            continue
        client = Client()
        client.cookies = copy.deepcopy(cookies)
        got = cell(client, url_of(dataset, name))
        if got != MATRIX[name][strgr]:
            wrong[name] = f"expected {MATRIX[name][strgr]} (the stranger's), got {got}"
    assert not wrong, wrong
    suk = Client()
    suk.cookies = copy.deepcopy(cookies)
    insider = Client()
    insider.cookies = copy.deepcopy(dataset.cookies["prov"])
    _no_names_in_lists(dataset, suk, "strgr", _names_of("65"), insider=insider)


def _no_names_in_lists(ds, client, persona, names, *, insider):
    """Every page without arguments the persona's column opens (200), public pages aside: none of `names`,
    which the insider does see on its own unit list."""
    from apps.public.models import PublicProfile

    names = {n for n in names if len(n) > 8} - set(
        PublicProfile.objects.filter(status="published").values_list("unit__name", flat=True)
    )
    own = insider.get(reverse("registry:units")).content.decode()
    assert names and any(n in own for n in names), "the check must see the names where they belong"
    col = P.index(persona)
    leaks = {}
    for name, route in sorted(all_patterns().items()):
        if takes_arguments(route) or name.startswith("public:") or MATRIX[name][col] != 200:
            continue
        r = client.get(reverse(name))
        if r.status_code != 200:
            continue
        body = b"".join(r.streaming_content) if r.streaming else r.content
        text = _text_of(body, r.headers.get("Content-Type", ""))
        found = sorted(n for n in names if n in text)
        if found:
            leaks[name] = found[:3]
    assert not leaks, f"{persona} sees units of the other province: {leaks}"
