from django import template

from core.masking import mask_contacts

register = template.Library()

# ``{{ message.last_error|mask_contacts }}``: addresses and numbers in free text, masked.
register.filter("mask_contacts", mask_contacts)
