using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Warta.Web.Accounts.Staff;

[EnableRateLimiting(AccountRules.StaffSignInLimit)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class AcceptInviteModel(StaffInvites invites, SignInManager<StaffUser> signIn) : PageModel
{
    const string Unusable = "Tautan undangan ini sudah dipakai, dicabut atau kedaluwarsa. Mintalah undangan baru kepada admin.";

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    public StaffInvite? Invite { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Invite = await invites.FindUsableAsync(Token);
        if (Invite is null)
        {
            Problem = Unusable;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, errors) = await invites.AcceptAsync(HttpContext, Token, Password, Confirmation);
        if (user is not null)
        {
            // Whoever held the staff cookie on this browser before is replaced by the new account.
            await signIn.SignInAsync(user, isPersistent: false);
            return Redirect("/redaksi");
        }
        Invite = await invites.FindUsableAsync(Token);
        Problem = Invite is null ? Unusable : errors.Messages();
        if (Invite is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
