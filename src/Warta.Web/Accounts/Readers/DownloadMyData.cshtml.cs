using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>The reader's data as one JSON file (the same sections as <see cref="MyDataModel"/>).</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class DownloadMyDataModel(ReaderUserManager readers, PersonalDataExport export, TimeProvider clock) : ReaderAccountPage
{
    protected override string Title => "Unduh data saya";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        var name = $"data-saya-{Shared.Indonesian.ToWib(clock.GetUtcNow()):yyyy-MM-dd}.json";
        return File(await export.DownloadAsync(reader, HttpContext.RequestAborted), "application/json; charset=utf-8", name);
    }
}
