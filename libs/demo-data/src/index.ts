export { DemoDataModule } from './demo-data.module';
export { DemoDataResult, DemoDataService } from './demo-data.service';
export { DEMO_PASSWORD } from './demo-catalogue';
