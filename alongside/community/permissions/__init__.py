"""May this person do this in the community? Checks raise PermissionDenied; `access_*`
fetches and authorises in one step, answering 404 where the thing's existence is private
(a private group's room, someone else's conversation). Split by area: rooms (chat and
conversations), forum (spaces, threads, posts), coping (the strategies library)."""
