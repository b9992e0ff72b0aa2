"""URL state: parameters round-trip; unknown, malformed or hostile values fall back with a notice."""

from analytics.urlstate import Parsed, parse_choice, parse_choices, parse_number, to_params

ROLES = ["Product Coordinator", "Product Manager", "Senior Product Manager"]


def test_choices_round_trip():
    values = {"roles": ["Product Manager", "Senior Product Manager"], "level_from": "L4"}
    defaults = {"roles": ROLES, "level_from": "APM"}
    params = {k: v if isinstance(v, list) else [v] for k, v in to_params(values, defaults).items()}
    parsed = Parsed()
    parse_choices(params, "roles", ROLES, ROLES, parsed)
    parse_choice(params, "level_from", ["APM", "L4"], "APM", parsed)
    assert parsed.values == values and parsed.notices == []


def test_defaults_are_left_out_of_the_url():
    assert to_params({"roles": ROLES, "pay": 120000.0}, {"roles": ROLES, "pay": None}) == {"pay": "120000"}


def test_unknown_values_are_dropped_with_a_notice():
    parsed = Parsed()
    parse_choices({"roles": ["Product Manager,<script>alert(1)</script>"]}, "roles", ROLES, ROLES, parsed, "role")
    assert parsed.values["roles"] == ["Product Manager"]
    assert parsed.notices == ["Ignored unknown role in the link: '<script>alert(1)</script>'."]


def test_only_unknown_values_fall_back_to_the_default():
    parsed = Parsed()
    parse_choices({"roles": ["x" * 10_000]}, "roles", ROLES, ["Product Manager"], parsed, "role")
    assert parsed.values["roles"] == ["Product Manager"]
    assert parsed.notices == [f"Ignored unknown role in the link: '{'x' * 40}…'."]


def test_numbers_out_of_range_or_malformed_fall_back():
    for raw in ("abc", "-5", "1e99", "nan"):
        parsed = Parsed()
        parse_number({"pay": [raw]}, "pay", 100.0, parsed, high=1e7)
        assert parsed.values["pay"] == 100.0 and len(parsed.notices) == 1, raw
    parsed = Parsed()
    parse_number({"pay": ["148,688"]}, "pay", None, parsed)
    assert parsed.values["pay"] == 148688 and parsed.notices == []
