using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>The page for 404 and for failures; it never shows a stack trace or an exception message.</summary>
public sealed class ErrorModel : SitePage
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    protected override bool Indexable => false;

    public override bool LeavesOutFailingBlocks => true;

    public IActionResult OnGet(int? code)
    {
        var status = code ?? 500;
        if (status == 404)
        {
            Heading = "Halaman tidak ditemukan";
            Message = "Berita atau halaman yang Anda cari tidak ada atau sudah dipindahkan.";
        }
        else
        {
            status = status is >= 400 and < 600 ? status : 500;
            Heading = "Maaf, terjadi gangguan";
            Message = "Halaman ini tidak dapat ditampilkan sekarang. Silakan coba lagi sebentar lagi.";
        }
        PageTitle = Heading;
        Response.StatusCode = status;
        return Page();
    }
}
