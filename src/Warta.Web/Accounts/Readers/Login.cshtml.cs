using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Warta.Web.Accounts.Readers;

[EnableRateLimiting(AccountRules.ReaderSignInLimit)]
public sealed class LoginModel(ReaderSignInManager signIn) : ReaderAccountPage
{
    protected override string Title => "Masuk";

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    /// <summary>Off by default: many readers share a computer (at work, a warnet), and a session cookie ends with the browser.</summary>
    [BindProperty] public bool RememberMe { get; set; }
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
            var user = await signIn.UserManager.FindByEmailAsync(email);
            var attempt = await PasswordSignIn.AttemptAsync(signIn, user, user?.PasswordHash, user?.DisabledAt is not null, Password, persistent: RememberMe);
            if (attempt.Result.Succeeded) return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        // Unknown address, wrong password, locked or closed account: one answer, so the page never tells which addresses have accounts.
        Failed = true;
        Password = null;
        return Page();
    }
}
