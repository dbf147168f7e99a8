using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// The link mailed to the new address. Opening it shows a button; the change is a form post (a mail scanner following the
/// link changes nothing). The change ends every session (a new security stamp); the browser that posts it, when it is
/// signed in to this account, stays signed in. The old address gets a note.
/// </summary>
public sealed class ConfirmEmailChangeModel(ReaderSignInManager signIn, ReaderUserManager readers, ReaderMail mail) : ReaderLinkPage(readers)
{
    protected override string Title => "Konfirmasi email baru";

    [BindProperty(SupportsGet = true)] public string? Email { get; set; }

    public bool Taken { get; private set; }
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        LinkInvalid = string.IsNullOrEmpty(Email)
            || !await LinkWorksAsync(Readers.Options.Tokens.ChangeEmailTokenProvider, UserManager<ReaderUser>.GetChangeEmailTokenPurpose(Email));
        return LinkInvalid ? Refused() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Email) || await LinkedReaderAsync() is not { } reader)
        {
            LinkInvalid = true;
            return Refused();
        }
        // Read before the change: afterwards the new security stamp no longer matches this browser's cookie.
        var session = await HttpContext.AuthenticateAsync(ReaderAccess.Scheme);
        var signedInHere = session.Succeeded && Readers.GetUserId(session.Principal) == reader.Id.ToString();
        var oldEmail = reader.Email!;
        IdentityResult result;
        try
        {
            result = await Readers.ChangeEmailAndUserNameAsync(reader, Email!, Kode!);
        }
        catch (DbUpdateException)
        {
            // Another account took the address in the same instant: the unique index let only one in.
            result = IdentityResult.Failed(Readers.ErrorDescriber.DuplicateEmail(Email!));
        }
        if (!result.Succeeded)
        {
            // Whoever opened the link can read the new address's mail, so saying it is taken tells them nothing new.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) LinkInvalid = true;
            else Taken = true;
            return Refused();
        }
        if (signedInHere) await signIn.SignInAsync(reader, session.Properties!);
        await mail.EmailChangedAsync(oldEmail, reader);
        Changed = true;
        return Page();
    }
}
