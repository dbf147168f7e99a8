
namespace Warta.Web.Reader;

public sealed class SubscribeModel : ReaderPage
{
    public void OnGet()
    {
        PageTitle = "Langganan";
        Description = "Paket langganan premium: analisis pasar, riset emiten dan kolom pilihan redaksi.";
    }
}
