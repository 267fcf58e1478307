"""Views for the serving and security tests: each sets one kind of personal state, or none."""

from django.contrib import messages
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.template import Context, RequestContext, Template
from django.urls import path

from site_home import urls as site_urls
from site_home.page_cache import shared
from site_home.security import same_origin_required

FORM = Template('<form method="post"><input name="comment"><button>Send</button></form>')


@same_origin_required
def public_form(request):
    if request.method == "POST":
        return HttpResponse(f"stored: {request.POST.get('comment', '')}")
    return HttpResponse(FORM.render(Context()))


def with_csrf_token(request):
    return HttpResponse(Template("{% csrf_token %}").render(RequestContext(request)))


def with_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


def with_message(request):
    messages.success(request, "Thank you")
    return HttpResponse("ok")


def plain(request):
    return HttpResponse("nothing personal")


def too_many(request):
    from surveys.feedback.antispam import rate_limited_response

    return rate_limited_response(request, "comments")


def database_down(request):
    raise OperationalError("could not connect to server")


class Flaky:
    """A shared view that fails like a lost database while `down` is set."""

    down = False
    renders = 0

    @staticmethod
    def view(request):
        if Flaky.down:
            raise OperationalError("could not connect to server")
        Flaky.renders += 1
        return HttpResponse(f"render {Flaky.renders}")


urlpatterns = [
    # Shared (site_home.page_cache): each but plain/ sets some personal state.
    path("public-form/", shared(public_form)),
    path("with-csrf-token/", shared(with_csrf_token)),
    path("with-cookie/", shared(with_cookie)),
    path("with-message/", shared(with_message)),
    path("plain/", shared(plain)),
    path("flaky/", shared(Flaky.view)),
    path("not-shared/", plain),
    path("too-many/", too_many),
    path("database-down/", database_down),
] + site_urls.urlpatterns  # as they are: they hold i18n_patterns, which cannot be included

handler404 = "site_home.views.page_not_found"
handler500 = "site_home.views.server_error"
