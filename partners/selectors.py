"""Reads that the staff pages and their exports (partners/exports.py) share."""

from .models import Bank, Enterprise


def enterprise_list_base(user):
    return Enterprise.objects.visible_to(user).select_related("centre")


def bank_list_base(user):
    return Bank.objects.visible_to(user).select_related("centre")
