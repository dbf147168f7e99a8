using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// A new password ends every other session: the new security stamp fails the other cookies' check on their next request
/// (<see cref="ReaderAccess"/>), and this session's cookie is issued again with it. The address hears of the change.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class ChangePasswordModel(ReaderSignInManager signIn, ReaderUserManager readers, ReaderMail mail) : ReaderAccountPage
{
    protected override string Title => "Ganti kata sandi";

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    /// <summary>What stopped the change, by form field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Saved { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        if (string.IsNullOrEmpty(NewPassword)) Errors[nameof(NewPassword)] = "Buat kata sandi baru.";
        else if (!await signIn.PasswordConfirmedAsync(reader, CurrentPassword)) Errors[nameof(CurrentPassword)] = "Kata sandi saat ini salah.";
        else
        {
            var changed = await readers.ChangePasswordAsync(reader, CurrentPassword!, NewPassword);
            if (changed.Succeeded)
            {
                await signIn.RefreshSignInAsync(reader);
                await mail.PasswordChangedAsync(reader);
                Saved = true;
                return Page();
            }
            Errors[nameof(NewPassword)] = changed.Errors.First().Description;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
