using System.Text.Json;

namespace Coursework.Grading;

/// <summary>One task of the assignment.</summary>
/// <param name="Id">1, 2, …: the number students see.</param>
/// <param name="Name">The class the student implements.</param>
/// <param name="Folder">Its folder in exercises/, solutions/, tests/ and grader/HiddenTests/.</param>
/// <param name="Points">What the task is worth; shared among its hidden tests by weight.</param>
internal sealed record TaskSpec(int Id, string Name, string Folder, double Points);

/// <summary>The assignment manifest, grader/assignment.json.</summary>
/// <param name="DefaultSeed">The seed used when --seed is not given.</param>
/// <param name="Tasks">The tasks, in order.</param>
internal sealed record Manifest(int DefaultSeed, IReadOnlyList<TaskSpec> Tasks)
{
    /// <summary>Reads and checks the manifest.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="GradingException">The file is missing or not a valid manifest.</exception>
    public static Manifest Load(string path)
    {
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new GradingException($"cannot read the assignment manifest {path}: {exception.Message}");
        }

        if (manifest?.Tasks is not { Count: > 0 } || manifest.Tasks.Any(t => t.Points < 0 || string.IsNullOrEmpty(t.Name)))
        {
            throw new GradingException($"the assignment manifest {path} lists no tasks, or a task without a name or with negative points");
        }

        return manifest;
    }
}

/// <summary>Grading could not run at all (as opposed to student code failing, which costs points).</summary>
/// <param name="message">One line saying what is wrong.</param>
internal sealed class GradingException(string message) : Exception(message);
