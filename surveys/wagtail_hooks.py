from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from surveys.models import Comment


class CommentAdmin(ModelAdmin):
    model = Comment
    menu_label = "Comments"
    menu_icon = "comment"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "page", "section_label", "place", "theme", "state", "created_at"]
    list_filter = ["state"]


modeladmin_register(CommentAdmin)
