"""Every committee seat gets its person (one per account, with the names and position of the account, the
seat's affiliation as organisation and its home district), every scorecard its seat."""

from django.db import migrations


def forwards(apps, schema_editor):
    Person = apps.get_model("accounts", "Person")
    Seat = apps.get_model("evaluation", "CommitteeMember")
    Scorecard = apps.get_model("evaluation", "Scorecard")
    db = schema_editor.connection.alias  # the database being migrated (a restore drill migrates another one)
    people = {p.user_id: p for p in Person.objects.using(db).filter(user__isnull=False)}
    for seat in Seat.objects.using(db).select_related("user", "committee__year").order_by("pk"):
        person = people.get(seat.user_id)
        if person is None:
            u = seat.user
            person = Person.objects.using(db).create(
                province_id=seat.committee.year.province_id,
                title=u.title,
                first_name=u.first_name or u.email.split("@")[0],
                last_name=u.last_name,
                position=u.position,
                organisation=seat.affiliation,
                email=u.email,
                phone=u.phone,
                home_district_id=seat.home_district_id,
                user_id=u.pk,
            )
            people[u.pk] = person
        else:
            changed = []
            if not person.organisation and seat.affiliation:
                person.organisation = seat.affiliation
                changed.append("organisation")
            if not person.home_district_id and seat.home_district_id:
                person.home_district_id = seat.home_district_id
                changed.append("home_district")
            if changed:
                person.save(update_fields=changed)
        seat.person_id = person.pk
        seat.save(update_fields=["person"])
    seats = {(s.committee_id, s.user_id): s.pk for s in Seat.objects.using(db).all()}
    for card in Scorecard.objects.using(db).select_related("entry__round").filter(seat__isnull=True):
        card.seat_id = seats[(card.entry.round.committee_id, card.member_id)]
        card.save(update_fields=["seat"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0004_people_on_seats"),
        ("accounts", "0003_person"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
