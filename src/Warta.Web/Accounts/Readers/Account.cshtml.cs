using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>The signed-in reader's own page; anyone else is sent to the reader sign-in.</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class AccountModel(ReaderUserManager readers, ReaderMail mail, ReaderMailLimit mailLimit) : ReaderAccountPage
{
    protected override string Title => "Akun saya";

    public ReaderUser Reader { get; private set; } = null!;
    public bool ConfirmationSent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // The cookie was checked against the account on this request (ReaderAccess), so the account exists.
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Reader = reader;
        return Page();
    }

    /// <summary>The confirmation link again, for a signed-in reader whose address is not confirmed yet.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Reader = reader;
        if (reader.EmailConfirmed) return Page();
        if (!mailLimit.TryTake(reader.Email!)) return TooManyMails();
        await mail.ConfirmationAsync(reader);
        ConfirmationSent = true;
        return Page();
    }
}
