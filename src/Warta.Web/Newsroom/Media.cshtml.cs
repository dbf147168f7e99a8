using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;
using Warta.Web.Content;

namespace Warta.Web.Newsroom;

/// <summary>The media library for staff: browse newest first, search by caption, upload with caption, credit and alt text.</summary>
[Shared.UploadBody]
public sealed class MediaModel(WartaDb db, MediaLibrary library) : StaffPage
{
    public const int PageSize = 24;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "halaman")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Media> Items { get; private set; } = [];
    public bool HasNext { get; private set; }
    public string? Error { get; private set; }
    public Guid? Uploaded { get; private set; }

    public async Task OnGetAsync(Guid? diunggah)
    {
        Uploaded = diunggah;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? caption, string? credit, string? alt)
    {
        if (file is null) Error = "Pilih satu berkas foto (JPEG, PNG, WebP atau GIF).";
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                var media = await library.ImportAsync(stream, file.FileName, file.Length,
                    EditorApi.Limit(caption, 500), EditorApi.Limit(credit, 200), EditorApi.Limit(alt, 500));
                return Redirect($"/redaksi/media?diunggah={media.Id}");
            }
            catch (MediaRejectedException e)
            {
                Error = "Foto ditolak: " + e.Message;
            }
        }
        await LoadAsync();
        Response.StatusCode = 400;
        return Page();
    }

    async Task LoadAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var items = await EditorApi.MediaSearch(db, Query).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasNext = items.Count > PageSize;
        Items = items.Take(PageSize).ToList();
    }
}
