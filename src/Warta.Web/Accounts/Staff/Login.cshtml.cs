using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Web.Data;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

[EnableRateLimiting(AccountRules.StaffSignInLimit)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim();
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(Password))
        {
            // Unknown user, wrong password, locked and disabled accounts all get the same answer; only the audit log tells them apart.
            var user = await signIn.UserManager.FindByNameAsync(email);
            var attempt = await PasswordSignIn.AttemptAsync(signIn, user, user?.PasswordHash, user?.DisabledAt is not null, Password, persistent: false);
            if (attempt.Result.Succeeded)
            {
                AuditLog.AddAs(db, clock, HttpContext, user!.Id, email, AuditActions.LoginSuccess);
                await db.SaveChangesAsync();
                return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
            }
            // The password was right; the second step decides, and records the outcome.
            if (attempt.Result.RequiresTwoFactor)
                return RedirectToPage("/Accounts/Staff/LoginCode", new { ReturnUrl = SafeReturnUrl(Url, ReturnUrl) });
            AuditLog.AddAs(db, clock, HttpContext, user?.Id, email, AuditActions.LoginFailure, detail: attempt.Why);
            await db.SaveChangesAsync();
        }
        Failed = true;
        Password = null;
        return Page();
    }

    /// <summary>Back to where the sign-in began, but only to a newsroom page of this site.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith("/redaksi", StringComparison.Ordinal) ? returnUrl : "/redaksi";
}
