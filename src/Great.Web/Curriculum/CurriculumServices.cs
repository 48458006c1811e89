namespace Great.Web.Curriculum;

public static class CurriculumServices
{
    /// <summary>Loads curriculum/ at start-up: a malformed file stops the app with file, line and reason.</summary>
    public static IServiceCollection AddGreatCurriculum(this IServiceCollection services, IConfiguration config)
    {
        var folder = config["Curriculum:Path"] ?? Path.Combine(AppContext.BaseDirectory, "curriculum");
        services.AddSingleton(CurriculumLoader.LoadFolder(folder));
        return services;
    }
}
