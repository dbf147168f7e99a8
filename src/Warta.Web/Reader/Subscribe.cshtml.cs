using Warta.Web.Shared;

namespace Warta.Web.Reader;

public sealed class SubscribeModel : SitePage
{
    public void OnGet()
    {
        PageTitle = "Langganan";
        Description = "Paket langganan premium: analisis pasar, riset emiten dan kolom pilihan redaksi.";
    }
}
