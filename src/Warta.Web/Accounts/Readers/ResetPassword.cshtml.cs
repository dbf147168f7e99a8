using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The link in the reset mail: a form for the new password. Saving it gives the account a new security stamp, so every
/// session ends and the link stops working. The link reached the mailbox, so the address counts as confirmed, and the
/// lockout is lifted (its owner has just proved who they are).
/// </summary>
public sealed class ResetPasswordModel(ReaderUserManager readers) : ReaderLinkPage(readers)
{
    protected override string Title => "Kata sandi baru";

    [BindProperty] public string? Password { get; set; }

    public string? PasswordError { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        LinkInvalid = !await LinkWorksAsync(Readers.Options.Tokens.PasswordResetTokenProvider, UserManager<ReaderUser>.ResetPasswordTokenPurpose);
        return LinkInvalid ? Refused() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LinkedReaderAsync() is not { } reader) return Refused();
        if (string.IsNullOrEmpty(Password))
        {
            PasswordError = "Buat kata sandi baru.";
            return Refused();
        }
        reader.EmailConfirmed = true;
        reader.AccessFailedCount = 0;
        reader.LockoutEnd = null;
        var reset = await Readers.ResetPasswordAsync(reader, Kode!, Password);
        Password = null;
        if (reset.Succeeded)
        {
            Saved = true;
            return Page();
        }
        if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) LinkInvalid = true;
        else PasswordError = reset.Errors.First().Description;
        return Refused();
    }
}
