"""Every registered figure and outcome source declares paths that exist on its records, a
known unit and group, and a label and explanation translated into Chinese."""

import pytest
from django.db import models
from django.utils import translation

from core.figures import FIGURES, GROUPS, OUTCOME_SOURCES, OUTCOMES, UNITS, OutcomeFigure


def _field(model, path: str):
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation:
            model = field.related_model
    return field, model


def _zh(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def _en(text) -> str:
    with translation.override("en"):
        return str(text)


@pytest.mark.parametrize("figure", list(FIGURES), ids=lambda f: f.key)
def test_a_figure_declares_paths_on_its_records(figure):
    model = figure.base().model
    _, centre_model = _field(model, figure.centre_field) if figure.centre_field else (None, model)
    assert centre_model._meta.label == "accounts.OrgUnit"
    if figure.date_field:
        field, _ = _field(model, figure.date_field)
        assert isinstance(field, models.DateField), figure.date_field  # DateTimeField too
    if figure.distinct:
        _field(model, figure.distinct.removesuffix("_id"))
    if figure.total:
        field, _ = _field(model, figure.total)
        assert isinstance(field, models.DecimalField | models.IntegerField)
        assert figure.unit in ("yuan", "hours")
    assert figure.unit in UNITS and figure.group in dict(GROUPS)
    assert figure.key.split(".")[0] == model._meta.app_label or isinstance(figure, OutcomeFigure)
    if isinstance(figure, OutcomeFigure):
        assert figure.outcome in OUTCOMES and figure.sources()
        _field(model, figure.person_field)


@pytest.mark.parametrize("figure", list(FIGURES), ids=lambda f: f.key)
def test_a_figure_says_in_chinese_what_it_counts(figure):
    for text in (figure.label, figure.explanation):
        assert _zh(text) != _en(text)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in _zh(text))


@pytest.mark.parametrize("source", list(OUTCOME_SOURCES), ids=lambda s: s.key)
def test_an_outcome_source_names_a_young_person_and_a_date(source):
    model = source.base().model
    person, _ = _field(model, source.person_field)
    assert person.related_model._meta.label == "accounts.User"
    if source.date_field:
        field, _ = _field(model, source.date_field)
        assert isinstance(field, models.DateField)
    assert source.outcome in OUTCOMES
    assert any("\u4e00" <= ch <= "\u9fff" for ch in _zh(source.label))


def test_stock_figures_are_those_without_a_date_and_outcomes_count_per_period():
    for figure in FIGURES:
        expected = figure.date_field is None and not isinstance(figure, OutcomeFigure)
        assert figure.is_stock is expected, figure.key
        assert figure.once_per_person is (
            figure.distinct is not None or isinstance(figure, OutcomeFigure)
        )
