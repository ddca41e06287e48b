// The host: the only program that runs student code. It holds the student's classes (compiled into this assembly)
// and a generic call host, nothing else: no hidden tests, no expected values, no seed, no path of the kit. The judge
// (judge/) starts it, usually in a sandbox, and speaks the bridge protocol on its standard input and
// output. What it sends back is data the judge checks; a host that lies can only lie with numbers.
using System.Reflection;
using System.Runtime.CompilerServices;
using Coursework.Bridge;

var protocolIn = Console.OpenStandardInput();
var protocolOut = Console.OpenStandardOutput();
// What student code prints goes into the reply of the call that printed it, never into the protocol stream.
var printed = new CappedWriter(Peer.OutputLimit);
Console.SetOut(printed);
Console.SetError(printed);

var student = Assembly.GetExecutingAssembly(); // the student's classes, with this file and the stand-ins
// Student code that runs when its module loads (a module initializer) runs here, before the host says it is ready.
RuntimeHelpers.RunModuleConstructor(student.ManifestModule.ModuleHandle);

var dispatcher = new Dispatcher(
    name => student.GetType("Coursework." + name) is { IsPublic: true } type && !Remote.IsStandIn(type) ? type : null,
    viaInterfaces: true,
    detectChangedArguments: true,
    isOwnCode: method => method.DeclaringType is { } type && type.Assembly == student &&
                         type.Namespace == "Coursework" && !Remote.IsStandIn(type));
var peer = new Peer(protocolIn, protocolOut, dispatcher, printed.Take);
Peer.Current = peer; // the stand-ins for the reference classes a task is graded with call back through it
peer.SendReady();
peer.Serve();
return 0;
