using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Web.Data;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

/// <summary>The second step of signing in, for accounts with two-factor sign-in: a TOTP code or a one-time recovery code.</summary>
[EnableRateLimiting(AccountRules.StaffSignInLimit)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class LoginCodeModel(SignInManager<StaffUser> signIn, WartaDb db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Staff/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // Set by the first step's correct password; without it there is nothing to verify.
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Accounts/Staff/Login");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var recovery = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        Microsoft.AspNetCore.Identity.SignInResult result;
        string method;
        if (code.Length > 0)
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            method = "kode autentikator";
        }
        else if (recovery.Length > 0)
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(recovery);
            method = "kode pemulihan";
        }
        else
        {
            Failed = true;
            return Page();
        }
        if (result.Succeeded)
        {
            AuditLog.AddAs(db, clock, HttpContext, user.Id, user.UserName ?? user.Id, AuditActions.LoginSuccess, detail: "dua langkah: " + method);
            await db.SaveChangesAsync();
            return LocalRedirect(LoginModel.SafeReturnUrl(Url, ReturnUrl));
        }
        AuditLog.AddAs(db, clock, HttpContext, user.Id, user.UserName ?? user.Id, AuditActions.LoginFailure,
            detail: result.IsLockedOut ? "akun terkunci" : method + " salah");
        await db.SaveChangesAsync();
        Failed = true;
        return Page();
    }
}
