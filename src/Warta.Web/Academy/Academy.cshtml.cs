using Warta.Web.Academy;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

public sealed class AcademyModel(CourseList courses) : SitePage
{
    public IReadOnlyList<CourseCard> Courses { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Courses = await courses.UpcomingAsync(20);
        PageTitle = "Academy";
        Description = "Kelas dan pelatihan pasar modal, investasi dan keuangan dari Academy: jadwal, harga dan kursi tersisa.";
    }
}
