using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// Moving the account to another address: the password again, then a link to the new address, which changes nothing until
/// it is opened (<see cref="ConfirmEmailChangeModel"/>). An address that has its own account gets a note instead, and this
/// page answers alike, so it cannot be used to find out which addresses have accounts.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
[EnableRateLimiting(ReaderAccounts.MailLimit)]
public sealed class ChangeEmailModel(ReaderSignInManager signIn, ReaderUserManager readers, ReaderMail mail, ReaderMailLimit mailLimit) : ReaderAccountPage
{
    protected override string Title => "Ganti email";

    [BindProperty] public string? NewEmail { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string CurrentEmail { get; private set; } = "";
    /// <summary>What stopped the request, by form field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        CurrentEmail = reader.Email!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        CurrentEmail = reader.Email!;
        var email = NewEmail?.Trim() ?? "";
        NewEmail = email;
        Password = Password is { Length: > 0 } ? Password : null;
        if (!RegisterModel.IsEmailAddress(email)) Errors[nameof(NewEmail)] = "Tulis alamat email yang valid.";
        else if (readers.NormalizeEmail(email) == reader.NormalizedEmail) Errors[nameof(NewEmail)] = "Itu alamat email akun Anda sekarang.";
        else if (!await signIn.PasswordConfirmedAsync(reader, Password)) Errors[nameof(Password)] = "Kata sandi salah.";
        Password = null;
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!mailLimit.TryTake(email)) return TooManyMails();
        if (await readers.FindByEmailAsync(email) is null) await mail.EmailChangeAsync(reader, email);
        else await mail.AddressTakenAsync(email);
        Sent = true;
        return Page();
    }
}
