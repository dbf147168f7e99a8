using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The link in the registration mail. Opening it confirms the address (once confirmed, opening it again changes nothing,
/// so a mail scanner that follows links does no harm). It does not sign anyone in: whoever registered chose the password.
/// </summary>
public sealed class ConfirmModel(ReaderUserManager readers) : ReaderLinkPage(readers)
{
    protected override string Title => "Konfirmasi email";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LinkedReaderAsync() is { } reader && (await Readers.ConfirmEmailAsync(reader, Kode!)).Succeeded) return Page();
        LinkInvalid = true;
        return Refused();
    }
}
