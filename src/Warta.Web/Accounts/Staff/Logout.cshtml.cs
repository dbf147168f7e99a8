using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Warta.Web.Data;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        AuditLog.Add(db, clock, HttpContext, AuditActions.Logout);
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
