"""Views for the serving and security tests: each sets one kind of personal state, or none."""

from django.contrib import messages
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.template import Context, RequestContext, Template
from django.urls import include, path

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


urlpatterns = [
    path("public-form/", public_form),
    path("with-csrf-token/", with_csrf_token),
    path("with-cookie/", with_cookie),
    path("with-message/", with_message),
    path("plain/", plain),
    path("too-many/", too_many),
    path("database-down/", database_down),
    path("", include("site_home.urls")),
]

handler404 = "site_home.views.page_not_found"
handler500 = "site_home.views.server_error"
