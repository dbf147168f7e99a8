using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// Signing out is a form post (antiforgery-checked), so no link or image on another site can sign a reader out. It asks for
/// the reader policy like the account page whose form posts here: an antiforgery token carries the signed-in user, so the
/// form's page and its handler must read the same cookie.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class LogoutModel(ReaderSignInManager signIn) : ReaderAccountPage
{
    protected override string Title => "Keluar";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
