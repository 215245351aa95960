from django.conf import settings

from alongside.common.request_context import client_ip, ip_from_meta


class RequestContextMiddleware:
    """Make the client's IP available to `record_audit` for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(ip_from_meta(request.META))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header: scripts, styles and images from us only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
