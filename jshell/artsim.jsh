// artsim JShell startup: the imports a session needs. Loaded by ./artsim jshell.
import org.artsim.*;
import org.artsim.spi.*;
import org.artsim.vector.*;
