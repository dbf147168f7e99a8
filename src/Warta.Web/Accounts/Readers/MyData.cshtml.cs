using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Warta.Web.Accounts.Readers;

/// <summary>What Warta holds about the signed-in reader, section by section, with the download beside it.</summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class MyDataModel(ReaderUserManager readers, PersonalDataExport export) : ReaderAccountPage
{
    protected override string Title => "Data saya";

    public IReadOnlyList<KeyValuePair<string, object?>> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Sections = await export.CollectAsync(reader, HttpContext.RequestAborted);
        return Page();
    }
}
