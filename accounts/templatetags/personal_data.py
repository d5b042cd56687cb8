from django import template

from core.masking import mask_national_id, mask_phone

register = template.Library()


@register.filter
def national_id(value, reveal=False):
    """``{{ profile.national_id|national_id:can_reveal }}``"""
    return value or "" if reveal else mask_national_id(value)


@register.filter
def phone(value, reveal=False):
    return value or "" if reveal else mask_phone(value)
