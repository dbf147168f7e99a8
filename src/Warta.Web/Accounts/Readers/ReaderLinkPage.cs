using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// A page opened from a link in a reader's mail: <c>?id=</c> names the account and <c>&amp;kode=</c> carries its token. A
/// link that no longer works (expired, used, the account changed or closed) gets one answer, whatever the reason.
/// </summary>
public abstract class ReaderLinkPage(ReaderUserManager readers) : ReaderAccountPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kode { get; set; }
    public bool LinkInvalid { get; protected set; }

    protected ReaderUserManager Readers => readers;

    /// <summary>The open account the link names, or null (the link is then shown as no longer working).</summary>
    protected async Task<ReaderUser?> LinkedReaderAsync()
    {
        var reader = Id is { } id && !string.IsNullOrEmpty(Kode) ? await readers.FindByIdAsync(id.ToString()) : null;
        LinkInvalid = reader is not { DisabledAt: null };
        return LinkInvalid ? null : reader;
    }

    /// <summary>Whether the link's token still works for <paramref name="purpose"/>, without using it.</summary>
    protected async Task<bool> LinkWorksAsync(string provider, string purpose) =>
        await LinkedReaderAsync() is { } reader && await readers.VerifyUserTokenAsync(reader, provider, purpose, Kode!);

    /// <summary>The page, with 400: the link or the form was refused.</summary>
    protected IActionResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
