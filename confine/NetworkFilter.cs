using System.Runtime.InteropServices;

namespace Coursework.Confine;

/// <summary>
/// A classic-BPF seccomp program for this thread (and what it executes): system calls of another architecture are
/// refused (a 32-bit int 0x80 would reach socketcall), x32 calls too, io_uring_setup is refused, socket() is refused
/// for every address family but AF_UNIX, and everything else is allowed.
/// </summary>
internal static class NetworkFilter
{
    private const ushort LoadWord = 0x20;      // BPF_LD | BPF_W | BPF_ABS
    private const ushort JumpEqual = 0x15;     // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpSet = 0x45;       // BPF_JMP | BPF_JSET | BPF_K
    private const ushort Return = 0x06;        // BPF_RET | BPF_K
    private const uint Allow = 0x7fff0000;     // SECCOMP_RET_ALLOW
    private const uint Errno = 0x00050000;     // SECCOMP_RET_ERRNO | errno
    private const uint EAcces = 13;
    private const uint AfUnix = 1;
    private const uint IoUringSetup = 425;     // the same number on x86-64 and arm64
    private const uint X32Bit = 0x40000000;

    /// <summary>Installs the filter on the calling thread; null when it holds, else why not.</summary>
    /// <returns>A one-line reason, or null.</returns>
    public static string? Install()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the network filter needs Linux";
        }

        (uint Architecture, uint Socket)? native = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (0xC000003E, 41),   // AUDIT_ARCH_X86_64, __NR_socket
            Architecture.Arm64 => (0xC00000B7, 198), // AUDIT_ARCH_AARCH64, __NR_socket
            _ => null,
        };
        if (native is not { } arch)
        {
            return $"no network filter for {RuntimeInformation.ProcessArchitecture}";
        }

        // struct seccomp_data: nr at 0, arch at 4, args[0] at 16 (its low 32 bits, little-endian). Jumps count
        // instructions after the next one.
        SockFilter[] program =
        [
            new(LoadWord, 0, 0, 4),                    // 0: A = arch
            new(JumpEqual, 1, 0, arch.Architecture),   // 1: this architecture's call -> 3
            new(Return, 0, 0, Errno | EAcces),         // 2: another architecture's call: refused
            new(LoadWord, 0, 0, 0),                    // 3: A = nr
            new(JumpSet, 6, 0, X32Bit),                // 4: an x32 call -> 11
            new(JumpEqual, 5, 0, IoUringSetup),        // 5: io_uring_setup -> 11
            new(JumpEqual, 1, 0, arch.Socket),         // 6: socket -> 8
            new(Return, 0, 0, Allow),                  // 7: anything else: allowed
            new(LoadWord, 0, 0, 16),                   // 8: A = the socket's address family
            new(JumpEqual, 0, 1, AfUnix),              // 9: not AF_UNIX -> 11
            new(Return, 0, 0, Allow),                  // 10: a Unix socket: allowed
            new(Return, 0, 0, Errno | EAcces),         // 11: refused
        ];
        return Load(program);
    }

    private static unsafe string? Load(SockFilter[] program)
    {
        if (NativeMethods.Prctl(38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0) != 0)
        {
            return $"no_new_privs was refused (errno {Marshal.GetLastPInvokeError()})";
        }

        fixed (SockFilter* filter = program)
        {
            var header = new SockFprog { Length = (ushort)program.Length, Filter = filter };
            if (NativeMethods.Prctl(22 /* PR_SET_SECCOMP */, 2 /* SECCOMP_MODE_FILTER */, (nint)(&header), 0, 0) != 0)
            {
                return $"the kernel refused the seccomp filter (errno {Marshal.GetLastPInvokeError()})";
            }
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFilter(ushort code, byte jumpTrue, byte jumpFalse, uint k)
    {
        public ushort Code = code;
        public byte JumpTrue = jumpTrue;
        public byte JumpFalse = jumpFalse;
        public uint K = k;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}

/// <summary>The C library calls confine needs.</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static extern int Prctl(int option, nint argument2, nint argument3, nint argument4, nint argument5);

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    public static extern int Execve(string path, IntPtr[] arguments, IntPtr[] environment);
}
