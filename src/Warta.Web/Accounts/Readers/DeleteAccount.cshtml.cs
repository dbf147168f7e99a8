using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// Closing the account, after the password again: every feature erases its share, the account goes (subscriptions with
/// it; orders and invoices stay with Commerce, without the reader's name), this session ends, and a note goes to the address.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class DeleteAccountModel(ReaderSignInManager signIn, ReaderUserManager readers, PersonalDataExport data, ReaderMail mail) : ReaderAccountPage
{
    protected override string Title => "Hapus akun";

    [BindProperty] public string? Password { get; set; }
    public bool WrongPassword { get; private set; }
    public bool Deleted { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Password = Password is { Length: > 0 } ? Password : null;
        if (!await signIn.PasswordConfirmedAsync(reader, Password))
        {
            Password = null;
            WrongPassword = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (email, name) = (reader.Email!, reader.DisplayName);
        await data.EraseAsync(reader, readers, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        await mail.AccountDeletedAsync(email, name);
        Deleted = true;
        return Page();
    }
}
