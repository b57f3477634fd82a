"""Options are typed with the shared Literal vocabularies, in signatures and in the CLI."""

from __future__ import annotations

import inspect
from typing import get_args

import pytest
from click.testing import CliRunner

import satisfy
from satisfy._types import IntervalMethod, TwoSampleMethod, check_interval_method
from satisfy.cli import main
from satisfy.errors import OptionError

OPTIONS = {"method", "alternative", "nan_policy", "invalid_policy", "adjust", "period"}


def _public_callables():
    for name in satisfy.__all__:
        obj = getattr(satisfy, name)
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                # __init__ of a result class takes its fields (data), not options
                if attr.startswith("_"):
                    continue
                if callable(value) or isinstance(value, staticmethod | classmethod):
                    yield f"{name}.{attr}", getattr(obj, attr)
        elif callable(obj):
            yield name, obj


def test_no_public_option_parameter_is_typed_plain_str():
    plain = []
    for where, function in _public_callables():
        try:
            parameters = inspect.signature(function).parameters
        except (TypeError, ValueError):
            continue
        for name, parameter in parameters.items():
            annotation = str(parameter.annotation)
            if name in OPTIONS and "str" in annotation.replace("Literal", ""):
                plain.append(f"{where}({name}: {annotation})")
    assert plain == []


def test_results_to_frame_is_typed_as_a_native_frame():
    for where, function in _public_callables():
        if where.endswith(".to_frame"):
            assert inspect.signature(function).return_annotation == "IntoDataFrame", where


def test_check_interval_method_lists_the_choices():
    assert check_interval_method("wilson") == "wilson"
    with pytest.raises(OptionError, match="clopper-pearson"):
        check_interval_method("wilsen")


def test_report_help_lists_every_interval_method():
    result = CliRunner().invoke(main, ["report", "--help"], terminal_width=1000)
    assert result.exit_code == 0
    for method in get_args(IntervalMethod):
        assert method in result.output


def test_compare_help_lists_every_two_sample_method():
    result = CliRunner().invoke(main, ["compare", "--help"], terminal_width=1000)
    assert result.exit_code == 0
    for method in get_args(TwoSampleMethod):
        assert method in result.output


def test_report_refuses_an_unknown_method_before_reading():
    result = CliRunner().invoke(
        main, ["report", "--demo", "--metric", "nps", "--score", "ltr", "--method", "wilsen"]
    )
    assert result.exit_code == 2  # click's usage error, with the choices
    assert "wilsen" in result.output and "clopper-pearson" in result.output


def test_report_still_refuses_a_method_the_metric_lacks():
    result = CliRunner().invoke(
        main, ["report", "--demo", "--metric", "nps", "--score", "ltr", "--method", "wilson"]
    )
    assert result.exit_code != 0
    assert "wilson" in result.output
