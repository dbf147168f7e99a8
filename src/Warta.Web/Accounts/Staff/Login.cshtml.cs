using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Web.Data;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

[EnableRateLimiting("login")]
public sealed class LoginModel(SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    // A hash to check a password against when the account does not exist, so an unknown address costs as long as a known one.
    static readonly string UnknownAccountHash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString());

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim();
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(Password))
        {
            // Unknown user, wrong password, locked and disabled accounts all get the same answer; only the audit log tells them apart.
            // Every attempt costs exactly one password hash check, whatever the account's state, so the time of the answer
            // does not tell an unknown address from a locked, disabled or working account.
            var user = await signIn.UserManager.FindByNameAsync(email);
            string why;
            if (user is null || user.PasswordHash is null || user.DisabledAt is not null || await signIn.UserManager.IsLockedOutAsync(user))
            {
                signIn.UserManager.PasswordHasher.VerifyHashedPassword(user ?? new StaffUser(), user?.PasswordHash ?? UnknownAccountHash, Password);
                why = user is null ? "akun tidak dikenal" : user.DisabledAt is not null ? "akun dinonaktifkan" : "akun terkunci";
            }
            else
            {
                var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    AuditLog.AddAs(db, clock, HttpContext, user.Id, email, AuditActions.LoginSuccess);
                    await db.SaveChangesAsync();
                    return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
                }
                // The password was right; the second step decides, and records the outcome.
                if (result.RequiresTwoFactor)
                    return RedirectToPage("/Accounts/Staff/LoginCode", new { ReturnUrl = SafeReturnUrl(Url, ReturnUrl) });
                why = result.IsLockedOut ? "akun terkunci" : result.IsNotAllowed ? "akun dinonaktifkan" : "kata sandi salah";
            }
            AuditLog.AddAs(db, clock, HttpContext, user?.Id, email, AuditActions.LoginFailure, detail: why);
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
