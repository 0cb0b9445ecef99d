"""docs/permissions.md, generated from the MATRIX of tests/test_permission_matrix.py."""

from .probe import LOGIN

HEAD = """# สิทธิ์การเข้าถึง — permission matrix

Generated from `MATRIX` in `tests/test_permission_matrix.py` (do not edit by hand:
`WRITE_PERMISSION_DOCS=1 .venv/bin/pytest tests/test_permission_matrix.py`). The same table is asserted by the
test on every run, cell by cell, with real objects from `seed_demo` plus a second province (Chiang Mai, 50).

Each URL is requested with **GET** as each persona. Its arguments point at the *subject*: an object owned by
district **6501** (เมืองพิษณุโลก) of Phitsanulok (65), FY 2570 unless the object only exists at another level
(a year, a zone round, a province's settings). So for the subject

- **d6502** is another district of the same province,
- **zone2** is a zone working-group member of a zone that does not hold 6501,
- **strgr** is provincial staff of another province (Chiang Mai) — it must never see 200 on Phitsanulok's objects.

Cells: **200** page or file · **302** redirect (not to login) · **→login** 302 to `/accounts/login/` ·
**403** the object is visible but the action is forbidden · **404** outside the persona's scope (or nothing to
show) · **405** a POST-only action asked with GET. No cell is 500.

Not in the matrix: `/admin/` (Django admin, admins only), allauth's `/accounts/…` and MFA pages, and Django's
`i18n/setlang/`.

"""


def _cell(c):
    if c == LOGIN:
        return "→login"
    return f"**{c}**" if c == 200 else str(c)


def render_markdown(matrix, personas, patterns, post_matrix):
    cols = list(personas)
    out = [HEAD, "| persona | who |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in personas.items()]
    out += ["", f"{len(matrix)} URL patterns × {len(cols)} personas = {len(matrix) * len(cols)} cells.", ""]
    app = None
    for name in sorted(matrix, key=lambda n: (n.split(":")[0] if ":" in n else "", patterns.get(n, ""))):
        ns = name.split(":")[0] if ":" in name else "(root)"
        if ns != app:
            app = ns
            out += [
                "",
                f"## {ns}",
                "",
                "| URL | name | " + " | ".join(cols) + " |",
                "|---|---|" + "---|" * len(cols),
            ]
        route = "/" + patterns.get(name, "?")
        out.append(f"| `{route}` | {name} | " + " | ".join(_cell(c) for c in matrix[name]) + " |")
    out += [
        "",
        "## POST-only actions, asked with an empty POST",
        "",
        "Each persona POSTs an empty form (rolled back afterwards). **302** the action ran or was refused with a",
        "message · **400**/**200** the form answered with its errors · **403**/**404** as above.",
        "",
        "| URL | name | " + " | ".join(cols) + " |",
        "|---|---|" + "---|" * len(cols),
    ]
    for name in sorted(post_matrix):
        out.append(
            f"| `/{patterns.get(name, '?')}` | {name} | "
            + " | ".join(_cell(c) for c in post_matrix[name])
            + " |"
        )
    return "\n".join(out) + "\n"
