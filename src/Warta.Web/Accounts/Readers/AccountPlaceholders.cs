using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Warta.Web.Accounts.Readers;

// Stand-ins until the members and academy branches are merged: their own components of these names replace them (and
// these two must then be deleted, or the names clash).
public sealed class AccountMembershipViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => new ContentViewComponentResult("");
}

public sealed class AccountCoursesViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => new ContentViewComponentResult("");
}
