"""How long member text may be: used by the models, the forms and the actions."""

POST_MAX_LENGTH = 20_000
MESSAGE_MAX_LENGTH = 4_000
TITLE_MAX_LENGTH = 150
CONTENT_WARNING_MAX_LENGTH = 120
