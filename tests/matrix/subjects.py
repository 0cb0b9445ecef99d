"""Which object each URL pattern is requested with: the "subject", owned by district 6501 of Phitsanulok (65),
FY 2570 unless said otherwise. Province-level objects (year, committee, round …) are Phitsanulok's; zone-level
ones belong to the zone that holds 6501. Every pattern with arguments must be listed here."""

from django.contrib.contenttypes.models import ContentType
from django.urls import get_resolver

# Patterns the matrix does not request: Django admin, allauth, Django's own i18n view.
SKIP_PREFIXES = ("admin:", "account_", "mfa_", "set_language", "javascript-catalog", "django.")


def all_patterns():
    """{view name: route} for every named URL pattern of the project, minus the skipped ones."""
    out = {}

    def walk(patterns, prefix="", ns=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, prefix + str(p.pattern), f"{ns}{p.namespace}:" if p.namespace else ns)
            elif p.name:
                out.setdefault(f"{ns}{p.name}", prefix + str(p.pattern))

    walk(get_resolver().url_patterns)
    return {k: v for k, v in out.items() if not k.startswith(SKIP_PREFIXES)}


def takes_arguments(route):
    return "<" in route


def subject_kwargs(ds):
    """{view name: kwargs} of the subject objects; computed once per module from the seeded data."""
    from apps.accounts.enums import Role
    from apps.certification.models import Ceremony, Certificate, Honour
    from apps.core.models import GeneratedFile
    from apps.evaluation.models import (
        Committee,
        CommitteeMember,
        Exemplar,
        Meeting,
        Presentation,
        Round,
        RoundEntry,
    )
    from apps.geo.models import Village, Zone
    from apps.notifications.models import CalendarToken, Delivery, Notification, ReminderRule
    from apps.paperwork.models import Office, OfficialDocument
    from apps.public.models import PublicProfile
    from apps.public.selectors import unit_slug
    from apps.registry.models import (
        Consent,
        DataRequest,
        Enrolment,
        Partner,
        Photo,
        PreparationRecord,
        ProgrammeYear,
        SubType,
        Unit,
    )
    from apps.reporting.models import Submission

    officer = ds.users["d6501"]
    y70 = ProgrammeYear.objects.get(province_id="65", fiscal_year=2570)
    y69 = ProgrammeYear.objects.get(province_id="65", fiscal_year=2569)
    enrolment = Enrolment.objects.filter(
        year=y70, unit__district_id="6501", round_entries__round__committee__zone__isnull=False
    ).first()
    unit = enrolment.unit
    zone = Zone.objects.get(province_id="65", fiscal_year=2570, districts__code="6501")
    committee = Committee.objects.get(year=y70, zone=zone)
    rnd = Round.objects.get(committee=committee)
    entry = RoundEntry.objects.get(round=rnd, enrolment=enrolment)
    meeting = Meeting.objects.get(round=rnd, number=1)
    office = Office.objects.get(district_id="6501")
    letter = OfficialDocument.objects.filter(office=office, kind="cover").order_by("pk").first()
    seat = CommitteeMember.objects.filter(committee=committee, user=ds.users["zone"]).get()
    # the zone working group's member without an account, whose paper sheet the secretary typed in (demo)
    paper_seat = CommitteeMember.objects.filter(committee=committee, user__isnull=True).get()
    # a person record whose home district is 6501 (the district chief, chair of its committee)
    from apps.accounts.models import Person

    home_person = Person.objects.filter(province_id="65", home_district_id="6501").order_by("pk").first()
    # a one-time scoring link for zone1 (whose scorecard is still a draft); only its hash is stored
    from apps.evaluation.links import issue_link

    link, link_url = issue_link(rnd, seat, by=ds.users["prov"])
    token = link_url.rstrip("/").rsplit("/", 1)[-1]
    exemplar = Exemplar.objects.get(year=y70, district_id="6501")
    # 6501's exemplar presentation at the provincial committee's August meeting of FY 2569 (guideline 2.8)
    presentation = Presentation.objects.get(meeting__round__committee__year=y69, exemplar__district_id="6501")
    cert = (
        Certificate.objects.filter(unit__district_id="6501", revoked_at__isnull=True).order_by("pk").first()
    )
    # An enrolment of 6501 that passed in FY 2569 but has no certificate yet, if any; else a certified one.
    issue_enrolment = (
        Enrolment.objects.filter(year=y69, unit__district_id="6501", certificate__isnull=True).first()
        or cert.enrolment
    )
    honour = Honour.objects.filter(unit__district_id="6501").order_by("pk").first()
    ceremony = Ceremony.objects.filter(year__province_id="65", district__isnull=True).get()
    public_photo = (
        Photo.objects.filter(district_id="6501", is_public=True, unit__public_profile__status="published")
        .order_by("pk")
        .first()
    )
    profile = PublicProfile.objects.get(unit=public_photo.unit)
    submission = Submission.objects.get(year=y70, district_id="6501", kind="applicant_list")
    core_file = GeneratedFile.objects.get(kind="submission_pdf", object_id=str(submission.pk))
    role = officer.role_assignments.get(role=Role.DISTRICT_OFFICER)
    y, d, year_district = {"pk": y70.pk}, {"district": "6501"}, {"district": "6501", "pk": y70.pk}
    report = {"year": y70.pk, "district": "6501", "kind": "applicant_list"}
    unit_pk = {"pk": unit.pk}
    data_request = DataRequest.objects.get(unit__district_id="6501", status="open")
    consent = Consent.objects.filter(unit__district_id="6501").exclude(scan="").order_by("pk").first()
    return {
        "core:file_status": {"token": core_file.token},
        "core:file_download": {"token": core_file.token},
        "workspace:history": {"ct_id": ContentType.objects.get_for_model(unit).pk, "object_id": str(unit.pk)},
        "accounts:person": {"pk": officer.pk},
        "accounts:person_active": {"pk": officer.pk},
        "accounts:person_reinvite": {"pk": officer.pk},
        "accounts:invitation": {"uidb36": "zz", "key": "expired-or-unknown"},
        "accounts:role_remove": {"pk": officer.pk, "role_id": role.pk},
        "registry:year": y,
        "registry:year_settings": y,
        "registry:year_calendar": y,
        "registry:year_targets": {**y, **d},
        "registry:year_subtypes": y,
        "registry:year_subtype_toggle": {
            **y,
            "subtype_id": SubType.objects.filter(year=y70).order_by("pk").first().pk,
        },
        "registry:zone_new": y,
        "registry:zone_edit": {**y, "zone_id": zone.pk},
        "registry:unit": unit_pk,
        "registry:consent_new": unit_pk,
        "registry:retention": {"province": "65"},
        "registry:retention_period": {"province": "65"},
        "registry:retention_purge": {"province": "65"},
        "registry:data_request_new": unit_pk,
        "registry:data_request": {"pk": data_request.pk},
        "registry:data_request_access": {"pk": data_request.pk},
        "registry:data_request_erase": {"pk": data_request.pk},
        "registry:data_request_close": {"pk": data_request.pk},
        "registry:unit_reveal_id": {
            "pk": Unit.objects.filter(district_id="6501", target_type="leader")
            .exclude(national_id="")
            .first()
            .pk
        },
        "registry:unit_export_full": {"?": "district=6501"},  # the officer's own district, one at a time
        "registry:consent_withdraw": {"pk": consent.pk},
        "registry:consent_scan": {"pk": consent.pk},
        "registry:unit_new": {"?": "district=6501&type=group"},  # the form of 6501, not the district picker
        "registry:unit_edit": unit_pk,
        "registry:unit_enrol": unit_pk,
        "registry:enrolment_withdraw": {"pk": enrolment.pk},
        "registry:enrolment_mentor": {"pk": enrolment.pk},
        "registry:bulk_enrol": year_district,
        "registry:carry_over": year_district,
        "registry:unit_import": year_district,
        "registry:import_confirm": year_district,
        "registry:targets_province": y,
        "registry:targets_district": year_district,
        "registry:stage1": year_district,
        "registry:record_new": year_district,
        "registry:record_edit": {
            "record_id": PreparationRecord.objects.filter(district_id="6501", year=y70).first().pk
        },
        "registry:record_file": {
            "record_id": PreparationRecord.objects.filter(district_id="6501", year=y70)
            .exclude(file="")
            .first()
            .pk
        },
        "registry:partner_new": year_district,
        "registry:partner_edit": {
            "partner_id": Partner.objects.filter(district_id="6501", year=y70).first().pk
        },
        "registry:photos": year_district,
        "registry:photo_upload": year_district,
        "registry:photo_image": {
            "photo_id": Photo.objects.filter(district_id="6501", year=y70, is_public=False)
            .order_by("pk")
            .first()
            .pk
        },
        "registry:photo_thumb": {
            "photo_id": Photo.objects.filter(district_id="6501", year=y70, is_public=False)
            .order_by("pk")
            .first()
            .pk
        },
        "registry:photo_delete": {
            "photo_id": Photo.objects.filter(district_id="6501", year=y70, is_public=False)
            .order_by("pk")
            .first()
            .pk
        },
        "registry:photo_in_report": {
            "photo_id": Photo.objects.filter(district_id="6501", year=y70, is_public=False)
            .order_by("pk")
            .first()
            .pk
        },
        "registry:villages": d,
        "registry:village_edit": {
            "pk": Village.objects.filter(subdistrict__district_id="6501").order_by("pk").first().pk
        },
        "evaluation:committee": {"pk": committee.pk},
        "evaluation:committee_rules": {"pk": committee.pk},
        "evaluation:member_remove": {"pk": committee.pk, "seat_id": seat.pk},
        "evaluation:round": {"pk": rnd.pk},
        "evaluation:round_edit": {"pk": rnd.pk},
        "evaluation:meeting_new": {"pk": rnd.pk},
        "paperwork:office": {"pk": office.pk},
        "paperwork:office_garuda": {"pk": office.pk},
        "paperwork:register": {"pk": office.pk},
        "paperwork:number_cancel": {"pk": letter.number_id},
        "paperwork:about": {"what": "meeting", "pk": meeting.pk},
        "paperwork:issue": {"what": "meeting", "pk": meeting.pk},
        "paperwork:document": {"pk": letter.pk},
        "paperwork:reissue": {"pk": letter.pk},
        "paperwork:files": {"pk": letter.pk},
        "evaluation:meeting": {"pk": meeting.pk},
        "evaluation:meeting_edit": {"pk": meeting.pk},
        "evaluation:meeting_attendance": {"pk": meeting.pk},
        "evaluation:meeting_resolve": {"pk": meeting.pk},
        "evaluation:meeting_minutes": {"pk": meeting.pk},
        "evaluation:meeting_approve": {"pk": meeting.pk},
        "evaluation:presentation_add": {"pk": meeting.pk},
        "evaluation:presentation_edit": {"pk": presentation.pk},
        "evaluation:presentation_remove": {"pk": presentation.pk},
        "evaluation:entry_add": {"pk": rnd.pk},
        "evaluation:place_passed": {"pk": rnd.pk},
        "evaluation:bulk_decide": {"pk": rnd.pk},
        "evaluation:entry_schedule": {"pk": entry.pk},
        "evaluation:entry_recording": {"pk": entry.pk},
        "evaluation:entry_decide": {"pk": entry.pk},
        "evaluation:score": {"pk": entry.pk},
        "evaluation:score_conflict": {"pk": entry.pk},  # the entry zone1 scores (its scorecard is a draft)
        "evaluation:round_members": {"pk": rnd.pk},
        "evaluation:round_sheets": {"pk": rnd.pk},
        "evaluation:paper_units": {"pk": rnd.pk, "seat_id": paper_seat.pk},
        "evaluation:paper_score": {"pk": rnd.pk, "seat_id": paper_seat.pk, "entry_id": entry.pk},
        "evaluation:person": {"pk": home_person.pk},
        "evaluation:person_edit": {"pk": home_person.pk},
        "evaluation:paper_conflict": {"pk": rnd.pk, "seat_id": paper_seat.pk, "entry_id": entry.pk},
        "evaluation:link_send": {"pk": rnd.pk, "seat_id": seat.pk},
        "evaluation:link_revoke": {"pk": rnd.pk, "link_id": link.pk},
        "evaluation_link:home": {"token": token},
        "evaluation_link:score": {"token": token, "entry_id": entry.pk},
        "evaluation_link:conflict": {"token": token, "entry_id": entry.pk},
        "evaluation:exemplar_nominate": {"year_pk": y70.pk, **d},
        "evaluation:exemplar": {"pk": exemplar.pk},
        "evaluation:exemplar_summary": {"pk": exemplar.pk},
        "evaluation:exemplar_decks": {"year_pk": y70.pk},
        "evaluation:exemplar_generate": {"pk": exemplar.pk},
        "evaluation:exemplar_download": {"pk": exemplar.pk, "which": "generated"},
        "certification:certificate": {"pk": cert.pk},
        "certification:certificate_revoke": {"pk": cert.pk},
        "certification:certificate_reinstate": {"pk": cert.pk},
        "certification:certificate_dates": {"pk": cert.pk},
        "certification:certificate_pdf": {"pk": cert.pk},
        "certification:certificate_issue": {"enrolment_pk": issue_enrolment.pk},
        "certification:year_print": {"year_pk": y69.pk},
        "certification:year_settings": {"year_pk": y70.pk},
        "certification:honour_remove": {"pk": honour.pk},
        "certification:honour_edit": {"pk": honour.pk},
        "certification:ceremony": {"pk": ceremony.pk},
        "certification:ceremony_edit": {"pk": ceremony.pk},
        "certification:ceremony_print": {"pk": ceremony.pk},
        "reporting:report": report,
        "reporting:report_submit": report,
        "reporting:report_pdf": report,
        "reporting:report_xlsx": report,
        "reporting:report_accept": {"pk": submission.pk},
        "reporting:report_return": {"pk": submission.pk},
        "reporting:bulk_accept": {"year": y70.pk},
        "reporting:review_export": {"year": y70.pk},
        "reporting:province_summary": {"year": y70.pk},
        "notifications:inbox_read": {
            "pk": Notification.objects.filter(user=officer).order_by("pk").first().pk
        },
        "notifications:calendar_feed": {
            "token": CalendarToken.objects.get(user=officer, revoked_at__isnull=True).token
        },
        "notifications:rule_edit": {
            "pk": ReminderRule.objects.filter(year__province_id="65").order_by("pk").first().pk
        },
        # the link page is opened from LINE's chat with the token LINE issued (the matrix runs with LINE configured)
        "notifications:line_link": {"?": "linkToken=MatrixLinkToken01"},
        "notifications:delivery_retry": {
            "pk": Delivery.objects.filter(recipient=officer).order_by("pk").first().pk
        },
        "public_staff:edit": {"unit_id": profile.unit_id},
        "public_staff:submit": {"unit_id": profile.unit_id},
        "public_staff:publish": {"unit_id": profile.unit_id},
        "public_staff:hide": {"unit_id": profile.unit_id},
        "public_staff:unhide": {"unit_id": profile.unit_id},
        "public_staff:photos": {"unit_id": profile.unit_id},
        "public_staff:privacy_contact": {"province": "65"},
        "public:photo": {"pk": public_photo.pk},
        "public:photo_thumb": {"pk": public_photo.pk},
        "public:profile_short": {"pk": profile.unit_id},
        "public:profile": {"pk": profile.unit_id, "slug": unit_slug(profile.unit.name)},
        "public:profile_pdf": {"pk": profile.unit_id, "slug": unit_slug(profile.unit.name)},
        "public:verify_code": {"code": cert.code},
        "switch_language": {"code": "en"},
        **_development_kwargs(ds.development),
    }


def _development_kwargs(dev):
    """The development app's subjects: the catalogue of the unit's type and FY 2570, the unit's enrolment with its
    assessment, evidence, community indicator, draft plan, goal, activity and visit (tests/matrix/dataset.py)."""
    from apps.development.models import NationalCatalogue, StandardSet

    sset = dev.assessment.standard_set
    # The edit pages of a province's catalogue are requested on its own set of the unit's type (version 1, made
    # before the province adopted the centre's catalogue): in the adopted set the centre's indicators are locked
    # (tests/development/test_national_catalogue.py).
    own = StandardSet.objects.get(year_id=sset.year_id, target_type=sset.target_type, national__isnull=True)
    component = own.components.order_by("order").first()
    own_indicator = component.indicators.order_by("order").first()
    e = {"pk": dev.enrolment.pk}
    visit_photo = dev.visit.photos.order_by("pk").first()
    if visit_photo is None:
        from apps.registry.models import Photo

        visit_photo = Photo.objects.filter(unit=dev.enrolment.unit, is_public=False).order_by("pk").first()
    # The centre's catalogue (apps/development/demo_national.py): the published group catalogue of FY 2570 and
    # its draft version 2.
    published = NationalCatalogue.objects.get(fiscal_year=2570, target_type="group", version=1)
    draft = NationalCatalogue.objects.get(fiscal_year=2570, target_type="group", version=2)
    draft_indicator = draft.indicators.order_by("pk").first()
    return {
        "development:national": {"pk": published.pk},
        "development:national_new_version": {"pk": published.pk},
        "development:national_edit": {"pk": draft.pk},
        "development:national_publish": {"pk": draft.pk},
        "development:national_indicator_new": {"pk": draft.pk},
        "development:national_indicator_edit": {"pk": draft.pk, "indicator_id": draft_indicator.pk},
        "development:national_indicator_remove": {"pk": draft.pk, "indicator_id": draft_indicator.pk},
        "development:close_recruitment": {"?": f"year={dev.enrolment.year_id}&district=6501"},
        "development:standard": {"pk": sset.pk},
        "development:standard_rule": {"pk": own.pk},
        "development:standard_publish": {"pk": sset.pk},
        "development:standard_export": {"pk": sset.pk},
        "development:component_new": {"pk": own.pk},
        "development:component_edit": {"pk": own.pk, "component_id": component.pk},
        "development:indicator_new": {"pk": own.pk},
        "development:indicator_edit": {"pk": own.pk, "indicator_id": own_indicator.pk},
        "development:indicator_remove": {"pk": own.pk, "indicator_id": own_indicator.pk},
        "development:evidence_file": {"file_id": dev.evidence.pk},
        "development:photo": {"photo_id": visit_photo.pk},
        "development:photo_thumb": {"photo_id": visit_photo.pk},
        "development:unit": e,
        "development:stage_move": e,
        "development:assessment": e,
        "development:evidence_add": e,
        "development:evidence_remove": {**e, "file_id": dev.evidence.pk},
        "development:assessment_pdf": e,
        "development:community_add": e,
        "development:community_edit": {**e, "ci_id": dev.community.pk},
        "development:plan": e,
        "development:plan_pdf": e,
        "development:plan_submit": e,
        "development:plan_reopen": e,
        "development:goal_new": e,
        "development:goal_edit": {**e, "goal_id": dev.goal.pk},
        "development:goal_remove": {**e, "goal_id": dev.goal.pk},
        "development:activity_new": e,
        "development:activity_edit": {**e, "activity_id": dev.activity.pk},
        "development:activity_remove": {**e, "activity_id": dev.activity.pk},
        "development:activity_progress": {**e, "activity_id": dev.activity.pk},
        "development:visit_new": e,
        "development:visit_edit": {**e, "visit_id": dev.visit.pk},
        "development:visit_remove": {**e, "visit_id": dev.visit.pk},
    }


def configure_line(settings):
    """LINE configured, as the matrix's rows expect (no call leaves: the link page and an unsigned webhook never
    reach LINE's API)."""
    settings.LINE_CHANNEL_TOKEN = "matrix-token"
    settings.LINE_CHANNEL_SECRET = "matrix-secret"
    settings.LINE_API_BASE = "http://127.0.0.1:9"
