using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>The signed-in reader's own page; anyone else is sent to the reader sign-in.</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class AccountModel(ReaderUserManager readers) : ReaderAccountPage
{
    protected override string Title => "Akun saya";

    public ReaderUser Reader { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        // The cookie was checked against the account on this request (ReaderAccess), so the account exists.
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Reader = reader;
        return Page();
    }
}
