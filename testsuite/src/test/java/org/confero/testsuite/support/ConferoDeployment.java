package org.confero.testsuite.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real EAR the build produced, deployed as is (never a hand-picked list of classes). */
public final class ConferoDeployment {

    private ConferoDeployment() {
    }

    public static EnterpriseArchive ear() {
        String path = System.getProperty("confero.ear");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("confero.ear system property must name the built EAR, was " + path);
        }
        // The name matters: the resource-adapters subsystem activates archive="confero.ear#media.rar".
        return ShrinkWrap.create(ZipImporter.class, "confero.ear").importFrom(new File(path))
                .as(EnterpriseArchive.class);
    }

    /** A WAR deployed next to the EAR that sees its EJBs and shared classes (a test or a fixture of the test). */
    public static WebArchive besideTheEar(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addAsWebInfResource(new StringAsset("""
                <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                    <deployment>
                        <dependencies>
                            <module name="deployment.confero.ear"/>
                            <module name="deployment.confero.ear.ejb.jar"/>
                        </dependencies>
                    </deployment>
                </jboss-deployment-structure>
                """), "jboss-deployment-structure.xml");
    }
}
